FileDescriptorLimit.raiseToHardLimit()
CoordinatorCommand.main()
