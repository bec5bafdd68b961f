// What the heldout34 npm scenarios share: the check that they run under the recorder (which passes
// sdk_runs.CORPUS_VALUES in the environment) and a main that exits once the requests were sent.
'use strict';

const CORPUS = JSON.parse(process.env.CORPUS_VALUES || '{}');
if (!CORPUS.email) {
  throw new Error('CORPUS_VALUES missing: run through tests/label/corpus/heldout34.py');
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

// The outside participant of heldout34's scenarios (new to the corpus), travelling to the
// corpus user's office for an in-person meeting, and the meeting's topic.
const GUEST = {
  name: 'Teodora Vasilescu',
  first: 'Teodora',
  last: 'Vasilescu',
  email: 'teodora.vasilescu@somes-timber-example.ro',
  phone: '+40722555318',
  bornOn: '1988-04-17',
  home: { lat: 46.76947, lng: 23.58552 },
  hotel: { lat: 48.20849, lng: 16.37208 },
};
const TOPIC = 'Timber facade mock-up site review';
const VENUE = {
  address: 'Praterstraße 38, 1020 Wien, Austria',
  lat: 48.21581,
  lng: 16.38297,
};

module.exports.GUEST = GUEST;
module.exports.TOPIC = TOPIC;
module.exports.VENUE = VENUE;
