package io.bactrian.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.bactrian.probe.speedtest.Node;
import io.bactrian.probe.speedtest.NodeList;
import org.junit.jupiter.api.Test;

/** Region texts onto the shipped maps' provinces and countries; what matches none is unplaced. */
class NodePlacesTest {
    private static Set<String> names(MapShapes map) {
        return map.shapes().stream().map(MapShapes.Shape::name).collect(Collectors.toSet());
    }

    @Test
    void regionTextsMapToTheirProvinceOrCountry() {
        assertEquals(new NodePlaces.Place("China", "江苏"), NodePlaces.of("江苏宿迁"));
        assertEquals(new NodePlaces.Place("China", "北京"), NodePlaces.of("北京"));
        assertEquals(new NodePlaces.Place("China", "香港"), NodePlaces.of("香港"));
        assertEquals(new NodePlaces.Place("China", "内蒙古"), NodePlaces.of("内蒙古呼和浩特"));
        assertEquals(new NodePlaces.Place("China", "广东"), NodePlaces.of("中国广东深圳"));
        assertEquals(new NodePlaces.Place("China", "江苏"), NodePlaces.of("Jiangsu"));
        assertEquals(new NodePlaces.Place("Japan", null), NodePlaces.of("日本东京"));
        assertEquals(new NodePlaces.Place("Australia", null), NodePlaces.of("澳大利亚悉尼"));
        assertEquals(new NodePlaces.Place("China", "澳门"), NodePlaces.of("澳门"));
        assertEquals(new NodePlaces.Place("United States", null), NodePlaces.of("US West"));
        assertNull(NodePlaces.of("USSR"), "a Latin name is a whole word");
        assertNull(NodePlaces.of("火星"));
        assertNull(NodePlaces.of(""));
    }

    @Test
    void everyPlaceIsAShapeOfTheShippedMaps() {
        Set<String> provinces = names(MapShapes.CHINA);
        Set<String> countries = names(MapShapes.WORLD);
        assertEquals(35, provinces.size(), "34 provinces and the South China Sea inset: " + provinces);
        for (String region : List.of("北京", "天津", "上海", "重庆", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江",
                "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "四川",
                "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆", "台湾", "香港", "澳门")) {
            NodePlaces.Place p = NodePlaces.of(region);
            assertTrue(provinces.contains(p.province()) && countries.contains(p.country()), region + " -> " + p);
        }
        for (String region : List.of("日本", "韩国", "新加坡", "美国", "德国", "英国", "俄罗斯", "澳大利亚", "巴西")) {
            assertTrue(countries.contains(NodePlaces.of(region).country()), region + " on the world map");
        }
    }

    /** Every node of the shipped lists (the comment's examples too) has a place, or none and says so. */
    @Test
    void everyShippedNodeIsPlacedOrListedUnplaced() throws Exception {
        List<String> unplaced = new ArrayList<>();
        int placed = 0;
        try (Stream<Path> files = Files.list(Path.of("nodes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                String examples = Files.readString(file).lines().map(l -> l.replaceFirst("^# ?(- |  )", "$1"))
                        .filter(l -> l.startsWith("- ") || l.startsWith("  ")).collect(Collectors.joining("\n"));
                Path both = Files.createTempFile("nodes", ".yaml");
                Files.writeString(both, examples);
                for (Node n : NodeList.load(both, s -> s)) {
                    String region = (n.province() == null ? "" : n.province()) + (n.city() == null ? "" : n.city());
                    if (NodePlaces.of(region) == null) {
                        unplaced.add(n.id());
                    } else {
                        placed++;
                    }
                }
                Files.delete(both);
            }
        }
        assertTrue(placed >= 2, "the example nodes in 广东 and 江苏 are placed");
        assertEquals(List.of("here"), unplaced, "only the local node without a region is unplaced");
    }
}
