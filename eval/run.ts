import { openVerbatim } from '../src/core/verbatim.js';
import { corpusDir } from '../src/corpusDir.js';
import { evaluate, formatEvaluation, loadQa } from './evaluate.js';

const qa = loadQa();
console.log(formatEvaluation(evaluate(openVerbatim(corpusDir(undefined)), qa), qa.questions.length));
