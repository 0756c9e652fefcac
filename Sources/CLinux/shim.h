#pragma once
// Linux interfaces Swift's Glibc module leaves out (like swift-nio's CNIOLinux): signalfd, so a
// single-threaded poll loop can wait for signals and sockets together, and prctl, so a child
// process dies with its parent.
#include <sys/signalfd.h>
#include <sys/prctl.h>

// prctl is variadic, which Swift cannot call; this is the one use the package has for it.
static inline int clinux_set_parent_death_signal(int signal) {
    return prctl(PR_SET_PDEATHSIG, (unsigned long)signal, 0UL, 0UL, 0UL);
}
