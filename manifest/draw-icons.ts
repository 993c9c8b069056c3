/**
 * Draws the Teams app icons: a leaf with a check mark (MVI: sustainable, and "done right").
 *
 *   npx tsx manifest/draw-icons.ts     writes manifest/color.png (192×192) and outline.png (32×32)
 *
 * The shapes are defined once in a 0..1 coordinate space and rendered with 4×4 supersampling,
 * so both sizes come from the same geometry. The outline icon is pure white on transparent
 * (partially transparent white at the anti-aliased edges), as Teams requires.
 * tests/manifest.test.ts checks that the committed PNGs equal what this script renders.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

/** The app's accent colour (manifest `accentColor` #1F7A4D). */
const GREEN: Rgb = [0x1f, 0x7a, 0x4d];
const WHITE: Rgb = [0xff, 0xff, 0xff];

type Rgb = readonly [number, number, number];
type Point = readonly [number, number];
/** Whether a point (0..1 coordinates) lies inside a shape. */
type Shape = (x: number, y: number) => boolean;

/** Distance from p to the segment a–b. */
function distanceToSegment(p: Point, a: Point, b: Point): number {
  const [px, py] = p;
  const [ax, ay] = a;
  const [bx, by] = b;
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** A stroke along a polyline, with round caps and joins. */
function stroke(points: readonly Point[], width: number): Shape {
  return (x, y) => {
    for (let i = 0; i + 1 < points.length; i++) {
      if (distanceToSegment([x, y], points[i]!, points[i + 1]!) <= width / 2) return true;
    }
    return false;
  };
}

/**
 * A leaf: the lens between two circles, `length` tip to tip and `width` across, centred on
 * `centre` and pointing up-right (45°).
 */
function leaf(centre: Point, length: number, width: number): Shape {
  const half = length / 2;
  const radius = (half * half + (width / 2) * (width / 2)) / width;
  const offset = radius - width / 2;
  return (x, y) => {
    const dx = x - centre[0];
    const dy = y - centre[1];
    // u runs along the leaf (bottom-left to top-right), v across it.
    const u = (dx - dy) / Math.SQRT2;
    const v = (dx + dy) / Math.SQRT2;
    return Math.hypot(u, v - offset) <= radius && Math.hypot(u, v + offset) <= radius;
  };
}

const LEAF_CENTRE: Point = [0.53, 0.47];
const LEAF_LENGTH = 0.62;
const LEAF = leaf(LEAF_CENTRE, LEAF_LENGTH, 0.36);
/** The stalk continues the leaf's axis beyond its bottom-left tip. */
const STALK_START: Point = [
  LEAF_CENTRE[0] - LEAF_LENGTH / 2 / Math.SQRT2,
  LEAF_CENTRE[1] + LEAF_LENGTH / 2 / Math.SQRT2,
];
const STALK_END: Point = [STALK_START[0] - 0.075, STALK_START[1] + 0.075];
const CHECK_POINTS: readonly Point[] = [
  [0.4, 0.5],
  [0.49, 0.59],
  [0.65, 0.4],
];

/** Coverage (0..1) of each pixel by a shape, sampled on a 4×4 grid. */
function coverage(size: number, shape: Shape): Float64Array {
  const samples = 4;
  const out = new Float64Array(size * size);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          if (shape((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)) hits++;
        }
      }
      out[py * size + px] = hits / (samples * samples);
    }
  }
  return out;
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [
    Math.round(a[0] + (b[0] - a[0]) * t),
    Math.round(a[1] + (b[1] - a[1]) * t),
    Math.round(a[2] + (b[2] - a[2]) * t),
  ];
}

/** The full-colour icon: a white leaf and stalk on green, the check mark cut out in green. */
export function renderColorIcon(size = COLOR_ICON_SIZE): PNG {
  const png = new PNG({ width: size, height: size });
  const leafCover = coverage(size, (x, y) => LEAF(x, y) || stroke([STALK_START, STALK_END], 0.05)(x, y));
  const checkCover = coverage(size, stroke(CHECK_POINTS, 0.075));
  for (let i = 0; i < size * size; i++) {
    const withLeaf = mix(GREEN, WHITE, leafCover[i]!);
    const [r, g, b] = mix(withLeaf, GREEN, checkCover[i]! * leafCover[i]!);
    png.data[i * 4] = r;
    png.data[i * 4 + 1] = g;
    png.data[i * 4 + 2] = b;
    png.data[i * 4 + 3] = 255;
  }
  return png;
}

/** The outline icon: the same leaf in white on transparent, the check mark cut out. */
export function renderOutlineIcon(size = OUTLINE_ICON_SIZE): PNG {
  const png = new PNG({ width: size, height: size });
  // Thicker strokes than the colour icon: at 32 px thin lines vanish.
  const leafCover = coverage(size, (x, y) => LEAF(x, y) || stroke([STALK_START, STALK_END], 0.07)(x, y));
  const checkCover = coverage(size, stroke(CHECK_POINTS, 0.1));
  for (let i = 0; i < size * size; i++) {
    const alpha = Math.round(255 * leafCover[i]! * (1 - checkCover[i]!));
    png.data[i * 4] = 255;
    png.data[i * 4 + 1] = 255;
    png.data[i * 4 + 2] = 255;
    png.data[i * 4 + 3] = alpha;
  }
  return png;
}

export const ICON_DIR = dirname(fileURLToPath(import.meta.url));

function main(): void {
  const color = join(ICON_DIR, 'color.png');
  const outline = join(ICON_DIR, 'outline.png');
  writeFileSync(color, PNG.sync.write(renderColorIcon()));
  writeFileSync(outline, PNG.sync.write(renderOutlineIcon()));
  console.log(
    `Wrote ${color} (${COLOR_ICON_SIZE}×${COLOR_ICON_SIZE}) and ${outline} (${OUTLINE_ICON_SIZE}×${OUTLINE_ICON_SIZE}).`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
