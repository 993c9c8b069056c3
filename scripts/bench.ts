/**
 * `npm run bench -- <name> [options]`: benchmarks that print numbers. Run on demand, never in CI.
 *   advice [--data FILE]   accuracy and speed of the advice engine (default data: ../shared/data/tenders-nl-ted.csv)
 *   bot [--messages N]     time from POSTed activity to reply at 1, 10 and 50 concurrent conversations
 *   tab                    initial JS (gzip), first contentful paint, search time per keystroke over 5,000 items
 */
const [name, ...rest] = process.argv.slice(2);
const benches: Record<string, () => Promise<{ run: (args: string[]) => Promise<void> }>> = {
  advice: () => import('./bench/advice.js'),
  bot: () => import('./bench/bot.js'),
  tab: () => import('./bench/tab.js'),
};
const load = name ? benches[name] : undefined;
if (!load) {
  console.error(`Usage: npm run bench -- <${Object.keys(benches).join('|')}> [options]`);
  process.exit(2);
}
await (await load()).run(rest);
