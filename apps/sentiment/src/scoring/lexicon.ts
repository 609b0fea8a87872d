/**
 * Word polarities on a -4..4 scale, hand-picked for customer-service chat. Words are matched
 * after lower-casing and accent folding. A start, meant to be replaced by a trained model.
 */
export const polarity: Record<string, number> = {
  // English
  great: 3, good: 2, thanks: 2, thank: 2, love: 3, excellent: 4, perfect: 3, happy: 3, helpful: 2,
  awesome: 4, nice: 2, fine: 1, ok: 1, okay: 1, solved: 2, works: 1, pleased: 2, glad: 2,
  bad: -2, terrible: -4, awful: -4, horrible: -4, worst: -4, hate: -4, angry: -3, annoyed: -2,
  frustrated: -3, frustrating: -3, useless: -3, broken: -2, wrong: -2, problem: -1, issue: -1,
  disappointed: -3, ridiculous: -3, unacceptable: -4, slow: -1, stupid: -3, waste: -3,
  refund: -1, cancel: -1, complaint: -2, scam: -4, upset: -3, furious: -4, sucks: -3, fail: -2,
  failed: -2, failing: -2, charged: -1, overcharged: -3, lost: -2, late: -1, missing: -2,
  // Spanish, French, German, Portuguese: the commonest strong words
  gracias: 2, genial: 3, perfecto: 3, malo: -2, enfadado: -3,
  merci: 2, parfait: 3, nul: -3, inacceptable: -4, enerve: -3,
  danke: 2, super: 3, schlecht: -2, schrecklich: -4, argerlich: -3,
  obrigado: 2, otimo: 3, pessimo: -4, ruim: -2, irritado: -3,
};

/** Words that flip the polarity of the next few words. */
export const negations = new Set([
  'not', 'no', "don't", 'dont', "doesn't", 'doesnt', "isn't", 'isnt', "wasn't", 'wasnt', "can't", 'cant',
  'never', 'nothing', 'nobody', "won't", 'wont', 'ne', 'pas', 'nicht', 'kein', 'nao', 'nunca',
]);

/** Words that strengthen the next word. */
export const intensifiers: Record<string, number> = {
  very: 1.5, really: 1.4, extremely: 1.8, so: 1.3, totally: 1.5, absolutely: 1.6, completely: 1.5, muy: 1.5, tres: 1.5, sehr: 1.5, muito: 1.5,
};
