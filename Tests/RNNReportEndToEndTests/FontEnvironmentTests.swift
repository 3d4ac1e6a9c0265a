import Foundation
import Testing
import TestSupport

/// The figures' text does not depend on the machine's font settings, and a missing font stops the
/// command before any work. Each case runs the built binary, whose environment is the variable.
@Suite("Fonts: the same figures whatever the font settings")
struct FontEnvironmentTests {
    /// A user's fontconfig that changes everything it can: another family for DejaVu Sans,
    /// synthetic bold, full hinting, no antialiasing, subpixel order, the autohinter.
    private static let hostileFontsConf = """
        <?xml version="1.0"?>
        <!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
        <fontconfig>
          <match target="pattern">
            <test qual="any" name="family"><string>DejaVu Sans</string></test>
            <edit name="family" mode="assign" binding="strong"><string>DejaVu Serif</string></edit>
            <edit name="family" mode="prepend" binding="strong"><string>Liberation Mono</string></edit>
          </match>
          <match target="font">
            <edit name="embolden" mode="assign"><bool>true</bool></edit>
            <edit name="hintstyle" mode="assign"><const>hintfull</const></edit>
            <edit name="antialias" mode="assign"><bool>false</bool></edit>
            <edit name="rgba" mode="assign"><const>rgb</const></edit>
            <edit name="autohint" mode="assign"><bool>true</bool></edit>
          </match>
        </fontconfig>
        """

    /// A font settings case: its name and the environment it adds, made in a temporary folder.
    struct Setting: CustomTestStringConvertible, Sendable {
        var name: String
        var environment: @Sendable (URL) throws -> [String: String]
        var testDescription: String { name }
    }

    static let settings = [
        Setting(name: "a user's fonts.conf that emboldens, hints fully and prefers another family") { folder in
            let home = folder.appendingPathComponent("home", isDirectory: true)
            let config = home.appendingPathComponent(".config", isDirectory: true)
            let fontconfig = config.appendingPathComponent("fontconfig", isDirectory: true)
            try FileManager.default.createDirectory(at: fontconfig, withIntermediateDirectories: true)
            try Data(hostileFontsConf.utf8).write(to: fontconfig.appendingPathComponent("fonts.conf"))
            return ["HOME": home.path, "XDG_CONFIG_HOME": config.path,
                    "XDG_CACHE_HOME": home.appendingPathComponent(".cache").path]
        },
        Setting(name: "FONTCONFIG_FILE naming an empty configuration: no font at all") { folder in
            let empty = folder.appendingPathComponent("empty.conf")
            try Data("<?xml version=\"1.0\"?>\n<fontconfig></fontconfig>\n".utf8).write(to: empty)
            return ["FONTCONFIG_FILE": empty.path]
        },
        Setting(name: "FREETYPE_PROPERTIES choosing another TrueType interpreter and stem darkening") { _ in
            ["FREETYPE_PROPERTIES": "truetype:interpreter-version=35 autofitter:no-stem-darkening=0 "
                + "autofitter:darkening-parameters=500,300,1000,200,1500,100,2000,0"]
        },
    ]

    /// The files `plot` writes for the reference trace of the default run (its loss figure has
    /// log-axis ticks 10⁰ … 10⁻⁴, its prediction figures negative ticks with U+2212).
    private func plot(into output: URL, environment: [String: String] = [:]) throws -> FolderSnapshot {
        let result = try RNNReportBinary.run(
            ["plot", "--metrics", try Fixtures.url("seed0.trace.json").path, "--output", output.path, "--quiet"],
            extraEnvironment: environment)
        try #require(result.status == 0, "\(result)")
        return try FolderSnapshot(output)
    }

    @Test("every figure is byte-identical under", arguments: settings)
    func sameBytes(_ setting: Setting) throws {
        try withTemporaryDirectory { folder in
            let plain = try plot(into: folder.appendingPathComponent("plain"))
            let changed = try plot(into: folder.appendingPathComponent("changed"), environment: try setting.environment(folder))
            #expect(plain.names == ["loss.dark.svg", "loss.png", "loss.svg", "metrics.csv",
                                    "prediction-tail.dark.svg", "prediction-tail.png", "prediction-tail.svg",
                                    "prediction.dark.svg", "prediction.png", "prediction.svg"])
            #expect(changed.names == plain.names)
            for name in plain.names {
                #expect(try changed.contents(name) == plain.contents(name), "\(name) differs under \(setting.name)")
            }
        }
    }

    @Test("no font file: status 72 before any work, naming the file and the package, nothing written",
          arguments: [
            ["generate"],
            ["generate", "--check"],
            // The font is checked before the metrics file is read: this one does not exist.
            ["plot", "--metrics", "/nonexistent/metrics.json"],
            // A sweep checks it before its first run.
            ["sweep", "--seeds", "0..1"],
          ])
    func missingFont(_ arguments: [String]) throws {
        try withTemporaryDirectory { folder in
            let fonts = folder.appendingPathComponent("no-fonts", isDirectory: true)
            try FileManager.default.createDirectory(at: fonts, withIntermediateDirectories: true)
            let output = folder.appendingPathComponent("out")
            let result = try RNNReportBinary.run(
                arguments + ["--output", output.path], extraEnvironment: ["RNNREPORT_FONT_DIR": fonts.path])
            #expect(result.status == 72, "\(result)")
            for word in ["DejaVuSans.ttf", fonts.path, "RNNREPORT_FONT_DIR", "apt-get install fonts-dejavu-core"] {
                #expect(result.standardError.contains(word), "'\(word)' not in: \(result)")
            }
            #expect(result.standardOutput.isEmpty, "\(result)")
            #expect(!output.exists, "the failed command created \(output.path)")
        }
    }
}
