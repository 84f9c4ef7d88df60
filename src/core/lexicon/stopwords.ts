/**
 * Words that carry no topic: function words and the frames of a question ("who", "what
 * happened", "tell me"). Deliberately not wink-nlp's list, which also drops "may" (the month),
 * number words and "nine months"-style expressions that readers search for.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are aren as at be because been before
  being below between both but by can could did do does doing done during each either else
  ever few for from further had has have having he her here hers herself him himself his how i if
  in into is it its itself just let me more most my myself neither no nor not now of off on once
  only or other ought our ours ourselves out over own same shall she should so some such than that
  the their theirs them themselves then there these they this those through to too under until
  upon us very was we were what whatever when where whether which while who whom whose why will
  with would yet you your yours yourself yourselves
  many much anything something someone anyone thing things still even ever really actually
  happen happened happens happening tell explain describe know
  s t d ll m re ve`
    .split(/\s+/)
    .filter(Boolean),
);
