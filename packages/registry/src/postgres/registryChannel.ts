/** The LISTEN/NOTIFY channel of registry changes; each payload is the model's name. */
export const REGISTRY_CHANNEL = 'mlops_registry';
