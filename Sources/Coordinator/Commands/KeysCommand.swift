import ArgumentParser
import Foundation
import Shared

/// `coordinator keys`: CURVE key pairs and the allow-list (docs/protocol.md §7.2).
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Make CURVE key pairs for the coordinator and its workers, and manage the allow-list.",
        subcommands: [Init.self, Add.self, Remove.self, List.self])

    /// `~/.config/widthsweep/keys`, or `$XDG_CONFIG_HOME/widthsweep/keys`.
    static var defaultDirectory: String {
        let environment = ProcessInfo.processInfo.environment
        let config = environment["XDG_CONFIG_HOME"] ?? ((environment["HOME"] ?? ".") + "/.config")
        return config + "/widthsweep/keys"
    }

    struct Location: ParsableArguments {
        @Option(help: "Key directory.")
        var keys = KeysCommand.defaultDirectory

        func create() throws {
            try FileManager.default.createDirectory(atPath: keys, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        }
    }

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make the coordinator's key pair (server.pub, server.secret).")
        @OptionGroup var location: Location

        func run() throws {
            try location.create()
            let pair = try CurveKeyPair.generate()
            try KeyFiles.write(pair, directory: location.keys, name: "server")
            print("server public key \(pair.publicKey.z85)")
            print("give workers \(location.keys)/server.pub; keep server.secret on the coordinator's host")
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a key pair for a worker or client and allow it in.")
        @OptionGroup var location: Location
        @Argument(help: "Name of the worker or client (letters, digits, . _ : @ -).")
        var name: String
        @Option(help: "worker or client.")
        var role = "worker"

        func run() throws {
            guard let role = AuthorizedPeer.Role(rawValue: role) else {
                throw ValidationError("--role must be worker or client, got \(role)")
            }
            try location.create()
            let pair = try CurveKeyPair.generate()
            try KeyFiles.write(pair, directory: location.keys, name: name)
            try KeyFiles.appendAuthorized(AuthorizedPeer(publicKey: pair.publicKey, role: role, name: name),
                                          path: location.keys + "/authorized")
            print("\(role.rawValue) \(name): \(pair.publicKey.z85)")
            print("copy \(location.keys)/\(name).secret and server.pub to that host; a running coordinator rereads the allow-list on SIGHUP")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take a worker or client off the allow-list.")
        @OptionGroup var location: Location
        @Argument var name: String

        func run() throws {
            guard try KeyFiles.removeAuthorized(name: name, path: location.keys + "/authorized") else {
                throw ValidationError("\(name) is not in \(location.keys)/authorized")
            }
            print("removed \(name); send SIGHUP to a running coordinator to apply it")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the allow-list.")
        @OptionGroup var location: Location

        func run() throws {
            for peer in try KeyFiles.readAuthorized(path: location.keys + "/authorized") {
                print("\(peer.role.rawValue)  \(peer.name)  \(peer.publicKey.z85)")
            }
        }
    }
}
