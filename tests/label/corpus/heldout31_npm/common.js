// What the heldout31 npm scenarios share: the check that they run under the recorder (which passes
// sdk_runs.CORPUS_VALUES in the environment) and a main that exits once the requests were sent.
'use strict';

const CORPUS = JSON.parse(process.env.CORPUS_VALUES || '{}');
if (!CORPUS.email) {
  throw new Error('CORPUS_VALUES missing: run through tests/label/corpus/heldout31.py');
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
const quietly = (promise) => promise.catch((err) => console.error(String(err).slice(0, 300)));

// The outside participant of heldout31's scenarios (new to the corpus: the learner), the live
// class's topic (as heldout31_runs.py).
const LEARNER = {
  name: 'Wojciech Wierzbicki',
  first: 'Wojciech',
  last: 'Wierzbicki',
  email: 'wojciech.wierzbicki@torun-learning-example.org',
  phone: '+48601555274',
};
const TOPIC = 'Organic Chemistry 201: Reaction Mechanisms live lab';
const JOIN_URL = `https://meet.acme-meetings.example/j/${CORPUS.meeting_id}`;

module.exports = { CORPUS, LEARNER, TOPIC, JOIN_URL, main, sleep, quietly };
