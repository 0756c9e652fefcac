#pragma once
// Linux interfaces Swift's Glibc module leaves out (like swift-nio's CNIOLinux): signalfd, so a
// single-threaded poll loop can wait for signals and sockets together, and prctl, so a child
// process dies with its parent.
#include <sys/signalfd.h>
#include <sys/prctl.h>
