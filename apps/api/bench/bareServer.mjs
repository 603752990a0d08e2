// The reference of the API benchmark: the least an Express 5 JSON endpoint does
// (parse a small JSON body, answer a small JSON body), nothing else.
// BARE_SERVER=app-http serves the same app from the API's own HTTP server construction
// (dist/server/appHttpServer.js: requests born with the app's prototypes), the second
// reference: what the API's routes cost over a bare route served as the API serves it.
import express from 'express';

const app = express();
app.use(express.json());
app.post('/echo', (req, res) => {
  res.json({ ok: true, fields: Object.keys(req.body).length });
});
let server;
if (process.env.BARE_SERVER === 'app-http') {
  const { createAppHttpServer } = await import('../dist/server/appHttpServer.js');
  server = createAppHttpServer(app);
  server.listen(0, '127.0.0.1', started);
} else {
  server = app.listen(0, '127.0.0.1', started);
}
function started() {
  process.stdout.write(`${server.address().port}\n`);
}
process.on('SIGTERM', () => server.close(() => process.exit(0)));
