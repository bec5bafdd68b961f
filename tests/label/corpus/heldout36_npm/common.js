// What the heldout36 npm scenarios share: the check that they run under the recorder (which passes
// sdk_runs.CORPUS_VALUES in the environment) and a main that exits once the requests were sent.
'use strict';

const CORPUS = JSON.parse(process.env.CORPUS_VALUES || '{}');
if (!CORPUS.email) {
  throw new Error('CORPUS_VALUES missing: run through tests/label/corpus/heldout36.py');
}

// The sinkhole answers every request with 204 and an empty body; SDKs that expect JSON may log
// an error after sending. The request is what we record, so such errors are not fatal.
function main(run) {
  const timer = setTimeout(() => {
    console.error('scenario did not finish within 25 s');
    process.exit(3);
  }, 25000);
  run().then(
    // A moment before exiting: the capture attributes a connection to its process while it lives.
    () => sleep(1500).then(() => {
      clearTimeout(timer);
      process.exit(0);
    }),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Each call's failure on the sinkhole's empty answer is logged, not fatal.
const quietly = (what, promise) =>
  promise.then(
    () => undefined,
    (err) => console.error(`${what}: ${String((err && err.message) || err).slice(0, 160)}`),
  );

module.exports = { CORPUS, main, sleep, quietly };

// The outside participant of heldout36's sales call (new to the corpus) and the call's topic.
const GUEST = {
  name: 'Rafael Quintanilla Ortega',
  email: 'rafael.quintanilla@brisamar-solar-example.es',
};
const TOPIC = 'Rooftop inverter fleet service contract';

module.exports.GUEST = GUEST;
module.exports.TOPIC = TOPIC;
