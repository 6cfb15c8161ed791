package dev.encore.app;

import dev.encore.app.cli.Terminal;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Generates, from the picocli model of the command line, one AsciiDoc man page per command
 * ({@code man/encore.adoc}, {@code man/encore-export.adoc}, ...; {@code asciidoctor -b manpage}
 * turns them into troff) and the bash/zsh completion script {@code encore_completion}. The build
 * runs it at {@code package} with the output folder as its one argument.
 */
public final class CommandLineDocs {
    private CommandLineDocs() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "target/cli");
        generate(out);
    }

    static void generate(Path out) throws IOException {
        CommandLine cli = CommandLineRunner.build(new Terminal(System.out, System.err));
        Path man = out.resolve("man");
        Files.createDirectories(man);
        int code = ManPageGenerator.generateManPage(man.toFile(), (File) null, new boolean[0], true, cli.getCommandSpec());
        if (code != 0) {
            throw new IOException("the man page generator failed with exit code " + code);
        }
        Files.writeString(out.resolve("encore_completion"), AutoComplete.bash("encore", cli), StandardCharsets.UTF_8);
    }
}
