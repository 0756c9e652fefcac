import ProcessControl

FileDescriptorLimit.raiseToHardLimit()
// `coordinator run` reads SIGINT, SIGTERM and SIGHUP from a signalfd, which needs them blocked in
// every thread. The coordinator links OpenBLAS (through Datasets, for the data check), whose
// load-time constructor starts threads before main with nothing blocked; a Ctrl-C delivered to
// one of those would kill the coordinator (or, from a non-interactive shell's `&`, be lost)
// instead of draining. Blocking the signals and starting again once reaches those threads too.
if CommandLine.arguments.dropFirst().first == "run",
   let reason = SignalDescriptor.blockInEveryThread(CoordinatorServer.watchedSignals) {
    log("could not restart with SIGINT/SIGTERM/SIGHUP blocked (\(reason)); Ctrl-C may stop it without draining")
}
CoordinatorCommand.main()
