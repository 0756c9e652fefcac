CoordinatorCommand.main()
