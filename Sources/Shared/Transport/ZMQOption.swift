import CZeroMQ

/// The socket option numbers of zmq.h that code outside this folder needs.
///
/// Only the transport folder imports the ZeroMQ shim, so the numbers are re-exported here for
/// `ZMQSocket.setOption`. docs/protocol.md §4.2 says which socket gets which value.
public enum ZMQOption {
    /// `ZMQ_LINGER`, milliseconds pending messages may delay `close`/context termination (Int32).
    public static let linger: Int32 = ZMQ_LINGER
    /// `ZMQ_SNDHWM`, messages queued per peer before sends fail with `EAGAIN` (Int32).
    public static let sendHighWaterMark: Int32 = ZMQ_SNDHWM
    /// `ZMQ_RCVHWM`, messages buffered per peer before libzmq stops reading from it (Int32).
    public static let receiveHighWaterMark: Int32 = ZMQ_RCVHWM
    /// `ZMQ_RECONNECT_IVL`, milliseconds before the first transport-level reconnect (Int32).
    public static let reconnectInterval: Int32 = ZMQ_RECONNECT_IVL
    /// `ZMQ_RECONNECT_IVL_MAX`, milliseconds the doubling reconnect interval stops at (Int32).
    public static let reconnectIntervalMax: Int32 = ZMQ_RECONNECT_IVL_MAX
    /// `ZMQ_ROUTER_MANDATORY`: 1 makes a send to an unknown routing id fail with `EHOSTUNREACH` (Int32).
    public static let routerMandatory: Int32 = ZMQ_ROUTER_MANDATORY
    /// `ZMQ_MAXMSGSIZE`, bytes a single frame may have before libzmq drops the connection (Int64).
    public static let maxMessageSize: Int32 = ZMQ_MAXMSGSIZE
    /// `ZMQ_HANDSHAKE_IVL`, milliseconds a ZMTP/CURVE handshake may take (Int32).
    public static let handshakeInterval: Int32 = ZMQ_HANDSHAKE_IVL
    /// `ZMQ_IMMEDIATE`: 1 queues messages only to completed connections (Int32).
    public static let immediate: Int32 = ZMQ_IMMEDIATE

    /// The option's name for error messages (`zmq_setsockopt(ZMQ_LINGER)` reads better than `17`).
    static func name(_ option: Int32) -> String {
        switch option {
        case ZMQ_LINGER: "ZMQ_LINGER"
        case ZMQ_SNDHWM: "ZMQ_SNDHWM"
        case ZMQ_RCVHWM: "ZMQ_RCVHWM"
        case ZMQ_RECONNECT_IVL: "ZMQ_RECONNECT_IVL"
        case ZMQ_RECONNECT_IVL_MAX: "ZMQ_RECONNECT_IVL_MAX"
        case ZMQ_ROUTER_MANDATORY: "ZMQ_ROUTER_MANDATORY"
        case ZMQ_MAXMSGSIZE: "ZMQ_MAXMSGSIZE"
        case ZMQ_HANDSHAKE_IVL: "ZMQ_HANDSHAKE_IVL"
        case ZMQ_IMMEDIATE: "ZMQ_IMMEDIATE"
        case ZMQ_CURVE_SERVER: "ZMQ_CURVE_SERVER"
        case ZMQ_CURVE_SERVERKEY: "ZMQ_CURVE_SERVERKEY"
        case ZMQ_CURVE_PUBLICKEY: "ZMQ_CURVE_PUBLICKEY"
        case ZMQ_CURVE_SECRETKEY: "ZMQ_CURVE_SECRETKEY"
        case ZMQ_ZAP_DOMAIN: "ZMQ_ZAP_DOMAIN"
        default: "option \(option)"
        }
    }
}
