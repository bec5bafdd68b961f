// Values shared by the npm scenarios: the corpus user and machine (sdk_runs.CORPUS_VALUES, passed
// in the environment by proxy_recorder.py) and helpers.
'use strict';

const CORPUS = JSON.parse(process.env.CORPUS_VALUES || '{}');
if (!CORPUS.email) {
  throw new Error('CORPUS_VALUES missing: run through tests/label/corpus/proxy_recorder.py');
}
const USER_ID = 'u-48213';

// The sinkhole answers every request with 204 and an empty body; SDKs that expect JSON may log
// an error after sending. The request is what we record, so such errors are not fatal.
function main(run) {
  const timer = setTimeout(() => {
    console.error('scenario did not finish within 20 s');
    process.exit(3);
  }, 20000);
  run().then(
    () => {
      clearTimeout(timer);
      process.exit(0);
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

module.exports = { CORPUS, USER_ID, main, sleep };
