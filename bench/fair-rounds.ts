// Runs the bench's rounds, repeating a round that was not a fair comparison (up to maxRepeats
// times) and discarding it if it never was, saying so for each: a median over lopsided rounds
// would report the luck of the deal, not the client.

export interface FairRounds<R> {
  /** Fair rounds, in order: the ones the figures are taken from. */
  kept: R[];
  /** Every unfair attempt, with why; `discarded` when its round was given up. */
  rejected: { round: number; attempt: number; why: string; discarded: boolean; result: R }[];
}

export interface FairRoundsOptions<R> {
  rounds: number;
  maxRepeats: number;
  /** Runs one attempt of a round (both numbered from 1). */
  run(round: number, attempt: number): Promise<R>;
  /** Why the result is not a fair comparison, or null if it is. */
  unfair(result: R): string | null;
  say(line: string): void;
}

export async function runFairRounds<R>(opts: FairRoundsOptions<R>): Promise<FairRounds<R>> {
  const kept: R[] = [];
  const rejected: FairRounds<R>['rejected'] = [];
  for (let round = 1; round <= opts.rounds; round++) {
    for (let attempt = 1; attempt <= opts.maxRepeats + 1; attempt++) {
      const result = await opts.run(round, attempt);
      const why = opts.unfair(result);
      if (why === null) {
        kept.push(result);
        break;
      }
      const discarded = attempt > opts.maxRepeats;
      rejected.push({ round, attempt, why, discarded, result });
      opts.say(discarded ? `round ${round}: ${why} in all ${attempt} tries, discarded` : `round ${round}: ${why}, repeated`);
    }
  }
  return { kept, rejected };
}
