/** The path every endpoint of the v1alpha3 API starts with. */
export const API_PREFIX = "/api/model_registry/v1alpha3";
