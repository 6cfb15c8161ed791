package dev.encore.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

class LaunchdAgentTest {

    /** The plist's top dict with the JDK's XML parser (the DTD is not fetched): strings, lists, booleans, integers, dicts. */
    private static Map<String, Object> parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        Element root = builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        assertEquals("plist", root.getTagName());
        List<Element> top = children(root);
        assertEquals(1, top.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> dict = (Map<String, Object>) value(top.get(0));
        return dict;
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                out.add(child);
            }
        }
        return out;
    }

    private static Object value(Element e) {
        return switch (e.getTagName()) {
            case "string" -> e.getTextContent();
            case "integer" -> Integer.parseInt(e.getTextContent());
            case "true" -> true;
            case "false" -> false;
            case "array" -> children(e).stream().map(LaunchdAgentTest::value).toList();
            case "dict" -> {
                Map<String, Object> map = new LinkedHashMap<>();
                List<Element> items = children(e);
                for (int i = 0; i < items.size(); i += 2) {
                    assertEquals("key", items.get(i).getTagName());
                    map.put(items.get(i).getTextContent(), value(items.get(i + 1)));
                }
                yield map;
            }
            default -> throw new AssertionError("unexpected plist element " + e.getTagName());
        };
    }

    @Test
    void throughTheLauncherTheAgentRunsItWithThisJarAndJavaInItsEnvironment() throws Exception {
        Launch launch = new Launch(Path.of("/Library/Java/Home/bin/java"), Path.of("/Applications/Encore/lib/encore.jar"),
                Path.of("/Users/me/Show & Tell"), null, Path.of("/Applications/Encore/bin/encore"));
        Map<String, Object> plist = parse(new Launchd(Path.of("/Users/me"), 501).content(launch));

        assertEquals(List.of("/Applications/Encore/bin/encore", "--data", "/Users/me/Show & Tell"), plist.get("ProgramArguments"));
        assertEquals(Map.of("ENCORE_JAR", "/Applications/Encore/lib/encore.jar", "JAVA_HOME", "/Library/Java/Home"),
                plist.get("EnvironmentVariables"));
    }

    @Test
    void agentRunsThisJavaAndJarAtLoadAndAgainAfterAFailure() throws Exception {
        Launch launch = new Launch(Path.of("/Library/Java/bin/java"), Path.of("/Applications/Encore/lib/encore.jar"),
                Path.of("/Users/me/Show & Tell"), Path.of("/Users/me/osc-map.yaml"));
        Launchd agent = new Launchd(Path.of("/Users/me"), 501);
        Map<String, Object> plist = parse(agent.content(launch));

        assertEquals(LaunchdAgent.LABEL, plist.get("Label"));
        assertEquals(List.of("/Library/Java/bin/java", "-jar", "/Applications/Encore/lib/encore.jar", "--data", "/Users/me/Show & Tell",
                "--map", "/Users/me/osc-map.yaml"), plist.get("ProgramArguments"));
        assertEquals(true, plist.get("RunAtLoad"));
        assertEquals(Map.of("SuccessfulExit", false), plist.get("KeepAlive"));
        assertEquals(SystemdUnit.TIMEOUT_STOP_S, plist.get("ExitTimeOut"));
        assertEquals("/Users/me/Library/Logs/encore.log", plist.get("StandardOutPath"));
        assertEquals("/Users/me/Library/Logs/encore.log", plist.get("StandardErrorPath"));
        assertTrue((Integer) plist.get("ThrottleInterval") > 0);
    }

    @Test
    void agentFileIsInTheUsersLaunchAgentsAndLoadsIntoTheGuiDomain() {
        Launchd agent = new Launchd(Path.of("/Users/me"), 501);
        assertEquals(Path.of("/Users/me/Library/LaunchAgents/dev.encore.daemon.plist"), agent.file());
        assertEquals(List.of("launchctl bootstrap gui/501 /Users/me/Library/LaunchAgents/dev.encore.daemon.plist"),
                agent.enable(false).stream().map(Step::shown).toList());
        assertEquals("launchctl bootout gui/501/dev.encore.daemon", agent.enable(true).get(0).shown());
        assertEquals("not loaded", agent.state(new Step.Ran(113, "Could not find service")));
        assertEquals("running", agent.state(new Step.Ran(0, "dev.encore.daemon = {\n\tstate = running\n}")));
    }
}
