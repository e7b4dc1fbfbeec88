/**
 * Waits until `minimumMs` have passed since `startedAt`, so an answer that did little (an unknown
 * address) leaves no sooner than one that wrote a token and an email: the time it takes says
 * nothing about which it was.
 */
export async function answerNoSoonerThan(startedAt: number, minimumMs: number): Promise<void> {
  const left = startedAt + minimumMs - Date.now();
  if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
}
