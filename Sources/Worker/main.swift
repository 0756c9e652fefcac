// Kernels first: OpenBLAS may have picked slow ones at load time, and only a restart fixes that.
BLASKernelGuard.ensureFastKernels()
WorkerCommand.main()
