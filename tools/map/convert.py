#!/usr/bin/env python3
"""Turns echarts 4.x's map/json/china.json and world.json into the small SVG maps the status
page ships (src/main/resources/io/bactrian/web/map/). Run once, offline, from the package:

    npm pack echarts@4.9.0 && tar xzf echarts-4.9.0.tgz
    python3 tools/map/convert.py package

One <path> per line, its id the province's code (China) or the country's name (world), its
data-name the name nodes are matched by; coordinates projected, simplified (Douglas-Peucker)
and rounded, so the files stay small.
"""
import json
import math
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "src/main/resources/io/bactrian/web/map"


def decode_ring(text, offsets, scale):
    """echarts' UTF8Encoding: zigzag, delta-coded characters (parseGeoJson.js decodePolygon)."""
    out, px, py = [], offsets[0], offsets[1]
    for i in range(0, len(text), 2):
        x, y = ord(text[i]) - 64, ord(text[i + 1]) - 64
        x = (x >> 1) ^ -(x & 1)
        y = (y >> 1) ^ -(y & 1)
        px, py = px + x, py + y
        out.append((px / scale, py / scale))
    return out


def rings(feature, encoded, scale):
    g = feature["geometry"]
    polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
    offs = g.get("encodeOffsets")
    if g["type"] == "Polygon" and offs:
        offs = [offs]
    for p, poly in enumerate(polys):
        for r, ring in enumerate(poly):
            yield decode_ring(ring, offs[p][r], scale) if encoded else [tuple(c) for c in ring]


def simplify(points, tolerance):
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = points[a], points[b]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy) or 1e-9
        worst, at = 0.0, -1
        for i in range(a + 1, b):
            x, y = points[i]
            d = abs(dy * (x - ax) - dx * (y - ay)) / length if (dx or dy) else math.hypot(x - ax, y - ay)
            if d > worst:
                worst, at = d, i
        if worst > tolerance:
            keep[at] = True
            stack += [(a, at), (at, b)]
    return [p for p, k in zip(points, keep) if k]


def area(points):
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]))) / 2


def path(rings_px, tolerance, min_area):
    """The rings as one path; a place all of whose rings are tiny (Singapore) keeps its largest."""
    d = outline(rings_px, tolerance, min_area)
    return d or outline([max(rings_px, key=area)], tolerance / 4, 0)


def outline(rings_px, tolerance, min_area):
    parts = []
    for ring in rings_px:
        s = simplify(ring, tolerance)
        if len(s) < 3 or area(s) < min_area:
            continue
        pts, last = [], None
        for x, y in s:
            p = (round(x, 1), round(y, 1))
            if p != last:
                pts.append(p)
                last = p
        if len(pts) >= 3:
            parts.append("M" + " ".join(f"{x:g} {y:g}" for x, y in pts) + "Z")
    return "".join(parts)


def esc(s):
    return s.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def write(name, width, height, lines):
    text = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}">\n'
            + "\n".join(lines) + "\n</svg>\n")
    (OUT / name).write_text(text, encoding="utf-8")
    print(name, len(text.encode()), "bytes")


def china(package):
    data = json.loads((package / "map/json/china.json").read_text(encoding="utf-8"))
    scale = data.get("UTF8Scale", 1024)
    k = 11.5
    lon0, lat0, squash = 73.0, 54.0, math.cos(math.radians(36))

    def project(lon, lat):
        return (lon - lon0) * k * squash, (lat0 - lat) * k

    lines = []
    for f in data["features"]:
        px = [[project(*c) for c in ring] for ring in rings(f, data.get("UTF8Encoding"), scale)]
        lines.append(f'<path id="cn-{f["id"]}" data-name="{esc(f["properties"]["name"])}" '
                     f'd="{path(px, 0.35, 0.3)}"/>')
    # The South China Sea islands' inset as published maps show it: echarts draws it from the
    # points of src/coord/geo/fix/nanhai.js, scaled there the same way.
    fix = (package / "src/coord/geo/fix/nanhai.js").read_text(encoding="utf-8")
    corner = [float(v) for v in re.search(r"geoCoord = \[([\d.]+), ([\d.]+)\]", fix).groups()]
    points = json.loads(re.search(r"var points = (\[.*?\]);\n", fix, re.S).group(1))
    inset = [[project(x / 10.5 + corner[0], y / (-10.5 / 0.75) + corner[1]) for x, y in ring] for ring in points]
    lines.append(f'<path id="cn-nanhai" class="inset" data-name="南海诸岛" d="{path(inset, 0.05, 0)}"/>')
    write("china.svg", round((135.5 - lon0) * k * squash), round((lat0 - 17.5) * k), lines)


def world(package):
    data = json.loads((package / "map/json/world.json").read_text(encoding="utf-8"))
    k = 2.8

    def project(lon, lat):
        return (lon + 180) * k, (84 - lat) * k

    lines = []
    for f in data["features"]:
        name = f["properties"]["name"]
        if not name:
            continue
        px = [[project(*c) for c in ring] for ring in rings(f, data.get("UTF8Encoding"), 1024)]
        d = path(px, 0.6, 0.8)
        if d:
            lines.append(f'<path id="w-{esc(re.sub(r"[^A-Za-z]+", "-", name).strip("-"))}" '
                         f'data-name="{esc(name)}" d="{d}"/>')
    write("world.svg", round(360 * k), round((84 + 58) * k), lines)


if __name__ == "__main__":
    pkg = Path(sys.argv[1] if len(sys.argv) > 1 else "package")
    OUT.mkdir(parents=True, exist_ok=True)
    china(pkg)
    world(pkg)
