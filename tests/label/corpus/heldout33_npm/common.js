// What the heldout33 npm scenarios share: the check that they run under the recorder (which passes
// sdk_runs.CORPUS_VALUES in the environment) and a main that exits once the requests were sent.
'use strict';

const CORPUS = JSON.parse(process.env.CORPUS_VALUES || '{}');
if (!CORPUS.email) {
  throw new Error('CORPUS_VALUES missing: run through tests/label/corpus/heldout33.py');
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

// The outside participant of heldout33's scenarios (new to the corpus: the patient), the video
// visit's reason as its topic (as heldout33_runs.py).
const PATIENT = {
  name: 'Ifeoma Nwachukwu',
  first: 'Ifeoma',
  last: 'Nwachukwu',
  email: 'ifeoma.nwachukwu@enugu-weavers-example.ng',
  phone: '+2348035550241',
  birthDate: '1984-09-23',
};
const TOPIC = 'Post-operative knee rehabilitation follow-up';
const JOIN_URL = `https://visit.acme-meetings.example/j/${CORPUS.meeting_id}`;

module.exports = { CORPUS, PATIENT, TOPIC, JOIN_URL, main, sleep, quietly };
