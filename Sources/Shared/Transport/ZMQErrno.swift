import CZeroMQ

/// The errno values callers of `ZMQSocket` branch on, re-exported because only this folder imports
/// the ZeroMQ shim. Compare them with `ZMQError.errno`.
public enum ZMQErrno {
    /// `EAGAIN`: a non-blocking call could not complete now (HWM reached, nothing to receive).
    public static let again: Int32 = EAGAIN
    /// `EHOSTUNREACH`: a ROUTER with `ZMQ_ROUTER_MANDATORY` was asked to send to an unknown routing id.
    public static let hostUnreachable: Int32 = EHOSTUNREACH
    /// `EINTR`: a signal interrupted the call (the wrappers here retry; it reaches callers only from raw calls).
    public static let interrupted: Int32 = EINTR
    /// `ETERM`: the socket's context is being terminated; the owner should close the socket and stop.
    public static let terminated: Int32 = ETERM
    /// `ENOTSOCK`: the socket was already closed.
    public static let notSocket: Int32 = ENOTSOCK
    /// `EADDRINUSE`: another socket already binds the endpoint.
    public static let addressInUse: Int32 = EADDRINUSE
}
