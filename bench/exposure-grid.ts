/** The exposure grid bench on its own (bench/exposure-grid-measure.ts), with the exact indexed grid unless told not to.
 *  Usage: npx tsx bench/exposure-grid.ts [--runs 3] [--cell 25] [--no-indexed] [--naive-rows 6] */
import { measureExposureGrid } from './exposure-grid-measure.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const { table } = await measureExposureGrid({
  runs: Number(arg('runs', '3')),
  cellM: Number(arg('cell', '25')),
  naiveRows: Number(arg('naive-rows', '6')),
  withIndexed: !process.argv.includes('--no-indexed'),
});
console.table(table);
