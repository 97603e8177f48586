package io.bactrian.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where on the map a node's region text is: "江苏宿迁" is 江苏, "北京" 北京, "香港" 香港, all in
 * China; "日本东京" or "Japan" is Japan. The names are those of the shipped maps (china.svg's
 * provinces, world.svg's countries). A region matched by none is unplaced, for the page to list.
 */
final class NodePlaces {
    /** A province of China (country "China"), or a country (province null). */
    record Place(String country, String province) {
    }

    static final String CHINA = "China";

    /** Each province's map name, then other ways region texts start with it. */
    private static final String[][] PROVINCES = {
            {"北京", "Beijing"}, {"天津", "Tianjin"}, {"上海", "Shanghai"}, {"重庆", "Chongqing"},
            {"河北", "Hebei"}, {"山西", "Shanxi"}, {"内蒙古", "Inner Mongolia", "Nei Mongol"}, {"辽宁", "Liaoning"},
            {"吉林", "Jilin"}, {"黑龙江", "Heilongjiang"}, {"江苏", "Jiangsu"}, {"浙江", "Zhejiang"},
            {"安徽", "Anhui"}, {"福建", "Fujian"}, {"江西", "Jiangxi"}, {"山东", "Shandong"}, {"河南", "Henan"},
            {"湖北", "Hubei"}, {"湖南", "Hunan"}, {"广东", "Guangdong"}, {"广西", "Guangxi"}, {"海南", "Hainan"},
            {"四川", "Sichuan"}, {"贵州", "Guizhou"}, {"云南", "Yunnan"}, {"西藏", "Tibet", "Xizang"},
            {"陕西", "Shaanxi"}, {"甘肃", "Gansu"}, {"青海", "Qinghai"}, {"宁夏", "Ningxia"},
            {"新疆", "Xinjiang"}, {"台湾", "Taiwan"}, {"香港", "Hong Kong", "HongKong"}, {"澳门", "澳門", "Macau", "Macao"},
    };

    /** Countries nodes are commonly in: world.svg's name, then the Chinese one and others. */
    private static final String[][] COUNTRIES = {
            {"Japan", "日本"}, {"Korea", "韩国", "South Korea"}, {"Singapore", "新加坡"}, {"Malaysia", "马来西亚"},
            {"Thailand", "泰国"}, {"Vietnam", "越南"}, {"Philippines", "菲律宾"}, {"Indonesia", "印度尼西亚", "印尼"},
            {"India", "印度"}, {"Russia", "俄罗斯"}, {"Mongolia", "蒙古"}, {"Kazakhstan", "哈萨克斯坦"},
            {"United States", "美国", "USA", "US"}, {"Canada", "加拿大"}, {"Mexico", "墨西哥"},
            {"Brazil", "巴西"}, {"Argentina", "阿根廷"}, {"Chile", "智利"},
            {"United Kingdom", "英国", "UK"}, {"Germany", "德国"}, {"France", "法国"}, {"Netherlands", "荷兰"},
            {"Italy", "意大利"}, {"Spain", "西班牙"}, {"Poland", "波兰"}, {"Sweden", "瑞典"}, {"Finland", "芬兰"},
            {"Switzerland", "瑞士"}, {"Turkey", "土耳其"}, {"United Arab Emirates", "阿联酋", "UAE"},
            {"Saudi Arabia", "沙特阿拉伯", "沙特"}, {"Israel", "以色列"}, {"Egypt", "埃及"},
            {"South Africa", "南非"}, {"Nigeria", "尼日利亚"}, {"Kenya", "肯尼亚"},
            {"Australia", "澳大利亚", "澳洲"}, {"New Zealand", "新西兰"}, {CHINA, "中国"},
    };

    private static final Map<String, Place> BY_PREFIX = new LinkedHashMap<>();

    static {
        for (String[] p : PROVINCES) {
            for (String alias : p) {
                BY_PREFIX.put(alias.toLowerCase(Locale.ROOT), new Place(CHINA, p[0]));
            }
        }
        for (String[] c : COUNTRIES) {
            for (String alias : c) {
                BY_PREFIX.put(alias.toLowerCase(Locale.ROOT), new Place(c[0], null));
            }
        }
    }

    private NodePlaces() {
    }

    /**
     * The place a region text starts with, its longest matching name ("澳大利亚" is not "澳门");
     * null when none: the node is unplaced. "中国江苏" is 江苏; a bare "中国" the country alone.
     */
    static Place of(String region) {
        if (region == null || region.isBlank()) {
            return null;
        }
        String text = region.trim().toLowerCase(Locale.ROOT);
        if (text.startsWith("中国") && text.length() > 2) {
            Place province = of(text.substring(2));
            if (province != null && province.province() != null) {
                return province;
            }
        }
        Place best = null;
        int longest = 0;
        for (Map.Entry<String, Place> e : BY_PREFIX.entrySet()) {
            String name = e.getKey();
            if (name.length() > longest && text.startsWith(name) && wordEnds(text, name.length())) {
                best = e.getValue();
                longest = name.length();
            }
        }
        return best;
    }

    /** A Latin name ends at a non-letter ("US" is not the start of "USSR"); Chinese needs no gap. */
    private static boolean wordEnds(String text, int at) {
        return at == text.length() || text.charAt(at - 1) > 0x7f || text.charAt(at) < 'a' || text.charAt(at) > 'z';
    }
}
