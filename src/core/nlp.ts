import winkNLP, { type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

let instance: WinkMethods | undefined;

/** The wink-nlp pipeline, loaded once per process: loading the model takes most of a start-up. */
export function nlp(): WinkMethods {
  instance ??= winkNLP(model);
  return instance;
}
