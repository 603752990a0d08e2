// The reference of the API benchmark: the least an Express 5 JSON endpoint does
// (parse a small JSON body, answer a small JSON body), nothing else.
import express from 'express';

const app = express();
app.use(express.json());
app.post('/echo', (req, res) => {
  res.json({ ok: true, fields: Object.keys(req.body).length });
});
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
