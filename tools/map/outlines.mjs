// Projects Natural Earth's country outlines (world-atlas 2.0.2, public domain) for the region
// from Indonesia to Japan, once, into the two files every map of the portal is drawn from:
// - static/map/outlines.svg: the countries as SVG paths, which each map shows beneath its
//   places (a static file, so a browser keeps it once for every page);
// - static/map/outlines.json: the Mercator parameters, with which core/map.py places each
//   city on the same picture when a page is served.
// Nothing is fetched or projected from outlines while the portal runs.
//
//   cd tools/map && npm install && node outlines.mjs ../../static/map
import { readFileSync, writeFileSync } from "node:fs";
import { geoMercator, geoPath } from "d3-geo";
import { feature } from "topojson-client";

const WIDTH = 800;
// Degrees: Sumatra to Hokkaido and the Kurils, from south of Timor (and Darwin) to the north of
// Honshu.
const BOUNDS = { west: 94, east: 150, south: -15, north: 46 };
// ISO 3166-1 numeric codes of the countries drawn in the partnership's own colours.
const HOME = "360"; // Indonesia
const PARTNER = "392"; // Japan

function read(name) {
  return JSON.parse(readFileSync(new URL(import.meta.resolve(`world-atlas/${name}`))));
}

const projection = geoMercator().scale(1).translate([0, 0]);
const [x0, y0] = projection([BOUNDS.west, BOUNDS.north]);
const [x1, y1] = projection([BOUNDS.east, BOUNDS.south]);
const scale = WIDTH / (x1 - x0);
const height = Math.round((y1 - y0) * scale);
const translate = [-x0 * scale, -y0 * scale];
projection.scale(scale).translate(translate).clipExtent([[0, 0], [WIDTH, height]]);
// Whole units: a unit of the 800-wide picture is finer than any screen or print shows it.
const path = geoPath(projection).digits(0);

// The two partners' countries at 1:50m (their small islands matter here: Kupang is on Timor),
// the others at 1:110m, which is enough for orientation and keeps the pages light.
function countries(name, keep) {
  const topology = read(name);
  return feature(topology, topology.objects.countries).features.filter(keep);
}
const partners = countries("countries-50m.json", (c) => c.id === HOME || c.id === PARTNER);
const others = countries("countries-110m.json", (c) => c.id !== HOME && c.id !== PARTNER);

const FILL = { home: "#cfe3d4", partner: "#f3d6d8", other: "#e4e4e0" };
const shapes = [...others, ...partners]
  .map((country) => {
    const role = country.id === HOME ? "home" : country.id === PARTNER ? "partner" : "other";
    return { name: country.properties.name, role, d: path(country) };
  })
  .filter((shape) => shape.d);

const folder = process.argv[2];
const svg = [
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}">`,
  "<!-- Natural Earth (public domain), via world-atlas 2.0.2; drawn by tools/map/outlines.mjs -->",
  ...shapes.map(
    (s) => `<path fill="${FILL[s.role]}" stroke="#8a8f94" stroke-width="0.6" d="${s.d}"><title>${s.name}</title></path>`,
  ),
  "</svg>",
].join("\n");
writeFileSync(`${folder}/outlines.svg`, svg + "\n");
const described = {
  source: "Natural Earth (public domain), via world-atlas 2.0.2; drawn by tools/map/outlines.mjs",
  projection: { kind: "mercator", scale, translate },
  width: WIDTH,
  height,
  bounds: BOUNDS,
};
writeFileSync(`${folder}/outlines.json`, JSON.stringify(described, null, 2) + "\n");
