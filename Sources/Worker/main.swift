// Kernels first: OpenBLAS may have picked slow ones at load time, and only a restart fixes that.
BLASKernelGuard.ensureFastKernels()
// A connected worker reads SIGINT/SIGTERM from a signalfd, which needs them blocked in every
// thread, OpenBLAS's too; that also takes a restart (see SignalDescriptor).
if ConnectOptions.requested(in: Array(CommandLine.arguments.dropFirst())) {
    SignalDescriptor.blockInEveryThread(note: log)
}
WorkerCommand.main()
