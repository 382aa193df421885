import Foundation
import Testing
import TestSupport
import BackpropCore
@testable import BackpropDebugger

/// `save FILE [--format backprop|nielsen]`: our layout or Nielsen's network2.py layout, written
/// atomically; what his format cannot express is refused and nothing is written.
struct SaveCommandTests {
    @Test func saveWritesEitherLayoutAndLoadReadsBoth() throws {
        try inTemporaryDirectory { directory in
            let s = Session()
            let ours = s.execute("save \(directory)/ours.json")
            #expect(ours.text == "saved small to \(directory)/ours.json (written to a temporary file, then renamed into place)")
            let theirs = s.execute("save \(directory)/nielsen.json --format nielsen")
            #expect(theirs.text == "saved small to \(directory)/nielsen.json (written to a temporary file, then renamed into place)\n"
                    + "in Nielsen's network2.py layout: his load() reads it")
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(directory)/nielsen.json")))
            #expect(bytes == (try NielsenFormat.encode(Network.small)))
            #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(directory)/ours.json"))) == NetworkFile.encode(Network.small))
            for file in ["ours", "nielsen"] {
                let other = Session()
                #expect(other.execute("load mnist; load \(directory)/\(file).json").error == nil)
                #expect(other.network == Network.small, "\(file)")
            }
            // --format backprop is the default, said out loud.
            #expect(s.execute("save \(directory)/again.json --format backprop").error == nil)
        }
    }

    @Test func whatNielsensFormatCannotExpressIsRefusedAndNothingIsWritten() throws {
        try inTemporaryDirectory { directory in
            let s = Session()
            _ = s.execute("load mnist")   // sum-of-squares, 3Blue1Brown's cost
            let path = "\(directory)/mnist.json"
            #expect(s.execute("save \(path) --format nielsen").error == "cannot save mnist in Nielsen's format: "
                    + NielsenFormatError.cost(.sumOfSquares).description)
            #expect(!FileManager.default.fileExists(atPath: path))
            #expect(s.execute("cost quadratic; save \(path) --format nielsen").error == nil)
            #expect(FileManager.default.fileExists(atPath: path))
            #expect(s.execute("save \(directory)/x.json --format yaml").error
                    == "--format 'yaml' is not one of backprop, nielsen\nusage: save FILE.json [--force] [--format F]\n   e.g. save my-network.json")
            #expect(s.execute("save \(directory)/x.json --format").error?.hasPrefix("--format needs a value") == true)
            #expect(s.execute("save \(directory)/x.json --format nielsen --format backprop").error?.hasPrefix("--format is given twice") == true)
        }
    }

    @Test func formatNamesComplete() {
        let s = Session()
        #expect(s.completions(for: "save x.json --format ") == ["backprop", "nielsen"])
        #expect(s.completions(for: "save x.json --format n") == ["nielsen"])
    }
}
