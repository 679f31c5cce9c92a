// npm start: the multiplayer server is not built yet (it is the next piece of work); until then
// this says so and points to what runs today.
console.log(`Boom Loop — the rules engine is ready; the game server and client are not built yet.

What runs today:
  npm run sim -- --scenario boom-2025 --seed 1     a whole game played by bots, told round by round
  npm run sim -- --scenario rate-shock --seed 7 --json
  npm run scenarios                                 scenarios, news cards and companies
  npm run bench                                     engine speed
  npm test                                          the test suite`);
