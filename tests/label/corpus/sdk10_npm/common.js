// Values shared by the sdk10 npm scenarios: the corpus user and machine (sdk_runs.CORPUS_VALUES,
// passed in the environment by proxy_recorder.py) and a meeting a client would report.
'use strict';

const CORPUS = JSON.parse(process.env.CORPUS_VALUES || '{}');
if (!CORPUS.email) {
  throw new Error('CORPUS_VALUES missing: run through tests/label/corpus/sdk10.py');
}
const USER_ID = 'usr_7Qm2Xc41';
const MEETING = {
  meeting_id: CORPUS.meeting_id,
  topic: 'Q3 vendor onboarding review',
  participants: 7,
  role: 'host',
};

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

function joinError() {
  try {
    throw new Error(`media connection failed for meeting ${CORPUS.meeting_id}: ICE timeout`);
  } catch (err) {
    return err;
  }
}

module.exports = { CORPUS, USER_ID, MEETING, main, sleep, joinError };
