package io.bactrian.probe.speedtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Node list files as users write them, and the errors that name file, node and field. */
class NodeListTest {
    @TempDir
    Path tmp;

    private List<Node> load(String yaml) throws Exception {
        Path file = tmp.resolve("nodes.yaml");
        Files.writeString(file, yaml);
        return NodeList.load(file, s -> s.replace("{{env:TOKEN_GD}}", "s3cret"));
    }

    private String error(String yaml) {
        return assertThrows(IllegalArgumentException.class, () -> load(yaml)).getMessage();
    }

    @Test
    void everyKindWithItsFieldsAndPlaceholders() throws Exception {
        List<Node> nodes = load("""
                - { id: "here", kind: "local" }
                - id: "gd"
                  province: "广东"
                  city: "佛山"
                  isp: "电信"
                  kind: "bactrian"
                  endpoint: "https://probe-gd.example.com/"
                  token: "{{env:TOKEN_GD}}"
                - { id: "bb", name: "北京[联通]", kind: "blackbox", endpoint: "http://10.0.0.5:9115" }
                - { id: "gp", kind: "globalping", endpoint: "https://api.globalping.io", location: "Jiangsu", limit: 3 }
                """);
        assertEquals(4, nodes.size());
        assertEquals("here", nodes.get(0).displayName());
        Node gd = nodes.get(1);
        assertEquals("广东佛山[电信]", gd.displayName());
        assertEquals(Node.Kind.BACTRIAN, gd.kind());
        assertEquals("https://probe-gd.example.com", gd.endpoint(), "trailing slash dropped");
        assertEquals("s3cret", gd.token(), "placeholders resolved");
        assertTrue(!gd.toString().contains("s3cret"), "the token is never printed: " + gd);
        assertEquals("http_2xx", nodes.get(2).module(), "blackbox module default");
        assertEquals("北京[联通]", nodes.get(2).displayName());
        assertEquals(3, nodes.get(3).limit());
        assertNull(nodes.get(0).endpoint());
    }

    @Test
    void errorsNameTheFileTheNodeAndTheField() {
        String file = tmp.resolve("nodes.yaml").toString();
        assertEquals(file + ": node 'gd': endpoint is not set (a bactrian node needs its API's base URL)",
                error("- { id: \"gd\", kind: \"bactrian\" }\n"));
        assertTrue(error("- { id: \"a\", kind: \"blackbox\", endpoint: \"ftp://x\" }\n")
                .endsWith("node 'a': endpoint 'ftp://x': must be an http:// or https:// base URL"));
        assertTrue(error("- { id: \"a\", isp: \"电信\", ips: \"x\" }\n").contains("node 'a': unknown field 'ips'"));
        assertTrue(error("- { id: \"a\" }\n- { id: \"a\" }\n").endsWith("node 'a': id is used twice"));
        assertTrue(error("- { name: \"x\" }\n").endsWith("node #1: id is not set"));
        assertTrue(error("- { id: \"g\", kind: \"globalping\", endpoint: \"https://api.globalping.io\", limit: 99 }\n")
                .endsWith("node 'g': limit 99: must be 1 to 50"));
        assertTrue(error("id: x\n").endsWith("must be a YAML list of nodes"));
    }
}
