// What the heldout39 npm scenarios share: the check that they run under the recorder (which passes
// sdk_runs.CORPUS_VALUES in the environment) and a main that exits once the requests were sent.
'use strict';

const CORPUS = JSON.parse(process.env.CORPUS_VALUES || '{}');
if (!CORPUS.email) {
  throw new Error('CORPUS_VALUES missing: run through tests/label/corpus/heldout39.py');
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

module.exports = { CORPUS, main, sleep };

// The outside participant of heldout39's scenarios (new to the corpus) and the meeting's topic.
const GUEST = {
  name: 'Yewande Oyelaran',
  first: 'Yewande',
  email: 'yewande.oyelaran@ijebu-microgrid-example.com',
  phone: '+234 809 418 2736',
};
const TOPIC = 'Microgrid inverter firmware rollout review';

module.exports.GUEST = GUEST;
module.exports.TOPIC = TOPIC;
