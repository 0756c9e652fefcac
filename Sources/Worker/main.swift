import ProcessControl

// Kernels first: OpenBLAS may have picked slow ones at load time, and only a restart fixes that.
BLASKernelGuard.ensureFastKernels()
// A connected worker reads SIGINT/SIGTERM from a signalfd, which needs them blocked in every
// thread, OpenBLAS's too; that also takes a restart (see SignalDescriptor).
if ConnectOptions.requested(in: Array(CommandLine.arguments.dropFirst())),
   let reason = SignalDescriptor.blockInEveryThread(WorkerLoop.watchedSignals) {
    log("could not restart with SIGINT/SIGTERM blocked (\(reason)); Ctrl-C may stop the worker without draining")
}
WorkerCommand.main()
