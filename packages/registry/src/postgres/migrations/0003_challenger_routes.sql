-- Champion and challenger (issue 19): a model's challenger route lives with its aliases
-- (the `challenger` alias row says which version), its mode and share on the model's row,
-- moved under the same row lock as every alias; route moves are audited; every logged
-- prediction says which role answered or scored it.

-- The route of the `challenger` alias: both set or both null.
ALTER TABLE models
  ADD COLUMN route_mode text CHECK (route_mode IN ('shadow', 'canary')),
  ADD COLUMN route_weight integer CHECK (route_weight BETWEEN 1 AND 100),
  ADD CONSTRAINT models_route_whole CHECK ((route_mode IS NULL) = (route_weight IS NULL));

-- The route moves join the audited actions; `route` is the route set or ended (ChallengerRoute).
ALTER TABLE audit DROP CONSTRAINT audit_action_check;
ALTER TABLE audit ADD CONSTRAINT audit_action_check CHECK (
  action IN ('promote', 'promote-refused', 'rollback', 'set-alias', 'remove-alias', 'archive', 'set-gate',
             'set-route', 'clear-route', 'rollback-canary')
);
ALTER TABLE audit ADD COLUMN route jsonb;

-- The role of a logged prediction: champion (production), canary (a challenger that
-- answered) or shadow (a challenger that scored off the response path). Null: a record
-- written before roles (format 2), read as the champion's. Every partition gets it.
ALTER TABLE prediction_log ADD COLUMN role text CHECK (role IN ('champion', 'canary', 'shadow'));
