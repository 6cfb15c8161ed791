package dev.encore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user who clones the repository finds every document it points to: README, osc-map.yaml, the
 * presets, docs/, the build and every source file name only documents the repository has, and
 * every Markdown link lands on a file and heading that exist.
 */
class DocumentLinksTest {
    private static final Path REPOSITORY = Path.of("").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void everyDocumentTheRepositoryNamesIsInTheRepository() {
        DocumentReferences references = new DocumentReferences(REPOSITORY);
        List<Path> scanned = references.textFiles();
        for (String expected : List.of("README.md", "osc-map.yaml", "pom.xml", "docs/protocol.md",
                "presets/apc-mini-mk2.yaml", "src/main/java/dev/encore/Reason.java")) {
            assertTrue(scanned.contains(REPOSITORY.resolve(expected)), "the scan reads " + expected);
        }
        assertEquals(List.of(), references.missing(), "documents named but not in the repository");
    }

    @Test
    void everyMarkdownLinkLandsOnAFileAndHeadingThatExist() {
        assertEquals(List.of(), new DocumentReferences(REPOSITORY).brokenLinks(), "broken links");
    }

    @Test
    void aMissingDocumentIsFoundInReadmeTheMapAPresetDocsAndASourceComment() throws IOException {
        write("README.md", "# Encore\n\nThe protocol is in PROTOCOL§ and [the guide](@/guide§).\n");
        write("osc-map.yaml", "# Full reference: @/readme-control§\nosc: {}\n");
        write("presets/pads.yaml", "# see @/pads/\nmidi: {}\n");
        write("@/bundle§", "# Bundle\n\nSee ../../shared/design/PROTOCOL§.\n");
        write("src/main/java/dev/encore/Thing.java", "/** Follows PROTOCOL§. */\nclass Thing {}\n");
        write("target/classes/ignored.txt", "build output naming PROTOCOL§ is not the repository's\n");

        List<String> missing = new DocumentReferences(dir).missing();

        assertEquals(Stream.of(
                "README.md line 3 names PROTOCOL§, which is not in the repository",
                "README.md line 3 names @/guide§, which is not in the repository",
                "@/bundle§ line 3 names ../../shared/design/PROTOCOL§, which is not in the repository",
                "osc-map.yaml line 1 names @/readme-control§, which is not in the repository",
                "presets/pads.yaml line 1 names @/pads/, which is not in the repository",
                "src/main/java/dev/encore/Thing.java line 1 names PROTOCOL§, which is not in the repository")
                .map(DocumentLinksTest::real).toList(), missing);
    }

    @Test
    void documentsThatExistBesideTheFileOrAtTheTopAndWebAddressesAreNotReported() throws IOException {
        write("README.md", "# Encore\n\nSee @/bundle§, BENCHMARKS§ and https://example.org/PROTOCOL§.\n");
        write("BENCHMARKS§", "# Benchmarks\n");
        write("@/bundle§", "# Bundle\n\nBeside: [protocol](protocol§); above: ../README§; the folder @/.\n");
        write("@/protocol§", "# Protocol\n");

        assertEquals(List.of(), new DocumentReferences(dir).missing());
    }

    @Test
    void aLinkToAHeadingThatIsNotThereIsFound() throws IOException {
        write("README.md", """
                # Encore

                ## Under NSM / RaySession

                ```
                # laptop A
                ```

                [ok](#under-nsm--raysession), [ok too](@/protocol§#error-codes),
                [stale](#laptop-a), [gone](@/protocol§#errors), [no file](presets/none.yaml)
                """);
        write("@/protocol§", "# Protocol\n\n## Error codes\n");

        assertEquals(Stream.of(
                "README.md line 10: links to #laptop-a, but README.md has no heading with the anchor #laptop-a",
                "README.md line 10: links to @/protocol§#errors, but @/protocol§ has no heading with the anchor #errors",
                "README.md line 10: links to presets/none.yaml, which is not in the repository")
                .map(DocumentLinksTest::real).toList(), new DocumentReferences(dir).brokenLinks());
    }

    @Test
    void headingAnchorsAreTheOnesGitHubMakes() {
        assertEquals("control-surfaces-osc-mapyaml-midi-leds-and-presets",
                DocumentReferences.slug("Control surfaces: osc-map.yaml, MIDI, LEDs and presets"));
        assertEquals("presets-presets", DocumentReferences.slug("Presets (`presets/`)"));
        assertEquals("under-nsm--raysession", DocumentReferences.slug("Under NSM / RaySession"));
    }

    private void write(String name, String text) throws IOException {
        Path file = dir.resolve(real(name));
        Files.createDirectories(file.getParent());
        Files.writeString(file, real(text));
    }

    /**
     * The planted files write {@code §} for the Markdown ending and {@code @/} for the docs folder,
     * so that this file, which the scan reads too, names no missing document itself.
     */
    private static String real(String planted) {
        return planted.replace("§", ".md").replace("@/", "docs/");
    }
}
