// Filled in with the atlas assembly.
