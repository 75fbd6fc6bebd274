// Imported first by the worker's entry point: imports run before the importing module's own code,
// so the logger (created when its module loads) must find the name already set.
process.env.SERVICE_NAME ??= "worker";
