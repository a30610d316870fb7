/**
 * GENERATED FILE: DO NOT EDIT.
 * Made by `npm run generate` (openapi-typescript) from api/model-registry-v1.yaml. Quirks of the API are handled
 * in src/client/, never here.
 */

export interface paths {
    "/api/model_registry/v1/artifact": {
        parameters: {
            query?: {
                externalId?: components["parameters"]["externalId"];
                name?: components["parameters"]["name"];
                parentResourceId?: components["parameters"]["parentResourceId"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["findArtifact"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/model_registry/v1/artifacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getArtifacts"];
        put?: never;
        post: operations["createArtifact"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/model_registry/v1/artifacts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        get: operations["getArtifact"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["updateArtifact"];
        trace?: never;
    };
    "/api/model_registry/v1/inference_service": {
        parameters: {
            query?: {
                externalId?: components["parameters"]["externalId"];
                name?: components["parameters"]["name"];
                parentResourceId?: components["parameters"]["parentResourceId"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["findInferenceService"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/model_registry/v1/inference_services": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getInferenceServices"];
        put?: never;
        post: operations["createInferenceService"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/model_registry/v1/inference_services/{inference_service_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                inference_service_id: string;
            };
            cookie?: never;
        };
        get: operations["getInferenceService"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["updateInferenceService"];
        trace?: never;
    };
    "/api/model_registry/v1/inference_services/{inference_service_id}/model": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                inference_service_id: string;
            };
            cookie?: never;
        };
        get: operations["getInferenceServiceModel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/model_registry/v1/inference_services/{inference_service_id}/serves": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                inference_service_id: string;
            };
            cookie?: never;
        };
        get: operations["getInferenceServiceServes"];
        put?: never;
        post: operations["createInferenceServiceServe"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/model_registry/v1/inference_services/{inference_service_id}/version": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                inference_service_id: string;
            };
            cookie?: never;
        };
        get: operations["getInferenceServiceVersion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/model_registry/v1/model_artifact": {
        parameters: {
            query?: {
                externalId?: components["parameters"]["externalId"];
                name?: components["parameters"]["name"];
                parentResourceId?: components["parameters"]["parentResourceId"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["findModelArtifact"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/model_registry/v1/model_artifacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getModelArtifacts"];
        put?: never;
        post: operations["createModelArtifact"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/model_registry/v1/model_artifacts/{model_artifact_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                model_artifact_id: string;
            };
            cookie?: never;
        };
        get: operations["getModelArtifact"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["updateModelArtifact"];
        trace?: never;
    };
    "/api/model_registry/v1/model_version": {
        parameters: {
            query?: {
                externalId?: components["parameters"]["externalId"];
                name?: components["parameters"]["name"];
                parentResourceId?: components["parameters"]["parentResourceId"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["findModelVersion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/model_registry/v1/model_versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getModelVersions"];
        put?: never;
        post: operations["createModelVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/model_registry/v1/model_versions/{model_version_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                model_version_id: string;
            };
            cookie?: never;
        };
        get: operations["getModelVersion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["updateModelVersion"];
        trace?: never;
    };
    "/api/model_registry/v1/model_versions/{model_version_id}/artifacts": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                model_version_id: string;
            };
            cookie?: never;
        };
        get: operations["getModelVersionArtifacts"];
        put?: never;
        post: operations["upsertModelVersionArtifact"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/model_registry/v1/registered_model": {
        parameters: {
            query?: {
                externalId?: components["parameters"]["externalId"];
                name?: components["parameters"]["name"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["findRegisteredModel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/model_registry/v1/registered_models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getRegisteredModels"];
        put?: never;
        post: operations["createRegisteredModel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/model_registry/v1/registered_models/{registered_model_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                registered_model_id: string;
            };
            cookie?: never;
        };
        get: operations["getRegisteredModel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["updateRegisteredModel"];
        trace?: never;
    };
    "/api/model_registry/v1/registered_models/{registered_model_id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                registered_model_id: string;
            };
            cookie?: never;
        };
        get: operations["getRegisteredModelVersions"];
        put?: never;
        post: operations["createRegisteredModelVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/model_registry/v1/serving_environment": {
        parameters: {
            query?: {
                externalId?: components["parameters"]["externalId"];
                name?: components["parameters"]["name"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["findServingEnvironment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/model_registry/v1/serving_environments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getServingEnvironments"];
        put?: never;
        post: operations["createServingEnvironment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/model_registry/v1/serving_environments/{serving_environment_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                serving_environment_id: string;
            };
            cookie?: never;
        };
        get: operations["getServingEnvironment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["updateServingEnvironment"];
        trace?: never;
    };
    "/api/model_registry/v1/serving_environments/{serving_environment_id}/inference_services": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                serving_environment_id: string;
            };
            cookie?: never;
        };
        get: operations["getEnvironmentInferenceServices"];
        put?: never;
        post: operations["createEnvironmentInferenceService"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Artifact: components["schemas"]["ModelArtifact"] | components["schemas"]["DocArtifact"] | components["schemas"]["DataSet"] | components["schemas"]["Metric"] | components["schemas"]["Parameter"];
        ArtifactCreate: components["schemas"]["ModelArtifactCreate"] | components["schemas"]["DocArtifactCreate"] | components["schemas"]["DataSetCreate"] | components["schemas"]["MetricCreate"] | components["schemas"]["ParameterCreate"];
        ArtifactList: {
            items: components["schemas"]["Artifact"][];
        } & components["schemas"]["BaseResourceList"];
        /**
         * @default UNKNOWN
         * @enum {string}
         */
        ArtifactState: "UNKNOWN" | "PENDING" | "LIVE" | "MARKED_FOR_DELETION" | "DELETED" | "ABANDONED" | "REFERENCE";
        /** @enum {string} */
        ArtifactTypeQueryParam: "model-artifact" | "doc-artifact" | "dataset-artifact" | "metric" | "parameter";
        ArtifactUpdate: components["schemas"]["ModelArtifactUpdate"] | components["schemas"]["DocArtifactUpdate"] | components["schemas"]["DataSetUpdate"] | components["schemas"]["MetricUpdate"] | components["schemas"]["ParameterUpdate"];
        BaseArtifact: components["schemas"]["BaseResource"];
        BaseModel: {
            customProperties?: {
                [key: string]: components["schemas"]["MetadataValue"];
            };
            description?: string;
            language?: string[];
            libraryName?: string;
            license?: string;
            /** Format: uri */
            licenseLink?: string;
            /** Format: uri */
            logo?: string;
            maturity?: string;
            provider?: string;
            readme?: string;
            tasks?: string[];
        };
        BaseResource: {
            customProperties?: {
                [key: string]: components["schemas"]["MetadataValue"];
            };
            description?: string;
            externalId?: string;
            /** Format: int64 */
            id?: string;
            name?: string;
        } & components["schemas"]["BaseResourceDates"];
        BaseResourceCreate: {
            customProperties?: {
                [key: string]: components["schemas"]["MetadataValue"];
            };
            description?: string;
            externalId?: string;
            name?: string;
        };
        BaseResourceDates: {
            /** Format: int64 */
            readonly createTimeSinceEpoch?: string;
            /** Format: int64 */
            readonly lastUpdateTimeSinceEpoch?: string;
        };
        BaseResourceList: {
            nextPageToken: string;
            /** Format: int32 */
            pageSize: number;
            /** Format: int32 */
            size: number;
        };
        BaseResourceUpdate: {
            customProperties?: {
                [key: string]: components["schemas"]["MetadataValue"];
            };
            description?: string;
            externalId?: string;
        };
        DataSet: components["schemas"]["BaseArtifact"] & components["schemas"]["DataSetCreate"] & {
            /** @default dataset-artifact */
            artifactType?: string;
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            artifactType: "dataset-artifact";
        };
        DataSetCreate: components["schemas"]["BaseResourceCreate"] & components["schemas"]["DataSetUpdate"] & {
            /** @default dataset-artifact */
            artifactType?: string;
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            artifactType: "dataset-artifact";
        };
        DataSetUpdate: components["schemas"]["BaseResourceUpdate"] & {
            /** @default dataset-artifact */
            artifactType?: string;
            digest?: string;
            profile?: string;
            schema?: string;
            source?: string;
            sourceType?: string;
            state?: components["schemas"]["ArtifactState"];
            uri?: string;
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            artifactType: "dataset-artifact";
        };
        DocArtifact: components["schemas"]["BaseArtifact"] & components["schemas"]["DocArtifactCreate"] & {
            /** @default doc-artifact */
            artifactType?: string;
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            artifactType: "doc-artifact";
        };
        DocArtifactCreate: components["schemas"]["BaseResourceCreate"] & components["schemas"]["DocArtifactUpdate"] & {
            /** @default doc-artifact */
            artifactType?: string;
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            artifactType: "doc-artifact";
        };
        DocArtifactUpdate: components["schemas"]["BaseResourceUpdate"] & {
            /** @default doc-artifact */
            artifactType?: string;
            state?: components["schemas"]["ArtifactState"];
            uri?: string;
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            artifactType: "doc-artifact";
        };
        Error: {
            code: string;
            message: string;
        };
        /**
         * @default UNKNOWN
         * @enum {string}
         */
        ExecutionState: "UNKNOWN" | "NEW" | "RUNNING" | "COMPLETE" | "FAILED" | "CACHED" | "CANCELED";
        InferenceService: components["schemas"]["BaseResource"] & components["schemas"]["InferenceServiceCreate"];
        InferenceServiceCreate: components["schemas"]["BaseResourceCreate"] & components["schemas"]["InferenceServiceUpdate"] & {
            /** Format: int64 */
            registeredModelId: string;
            /** Format: int64 */
            servingEnvironmentId: string;
        };
        InferenceServiceList: {
            items: components["schemas"]["InferenceService"][];
        } & components["schemas"]["BaseResourceList"];
        /**
         * @default DEPLOYED
         * @enum {string}
         */
        InferenceServiceState: "DEPLOYED" | "UNDEPLOYED";
        InferenceServiceUpdate: components["schemas"]["BaseResourceUpdate"] & {
            desiredState?: components["schemas"]["InferenceServiceState"];
            /** Format: int64 */
            modelVersionId?: string;
            runtime?: string;
        };
        MetadataBoolValue: {
            bool_value: boolean;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            metadataType: "MetadataBoolValue";
        };
        MetadataDoubleValue: {
            /** Format: double */
            double_value: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            metadataType: "MetadataDoubleValue";
        };
        MetadataIntValue: {
            /** Format: int32 */
            int_value: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            metadataType: "MetadataIntValue";
        };
        MetadataProtoValue: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            metadataType: "MetadataProtoValue";
            /** Format: byte */
            proto_value: string;
            type: string;
        };
        MetadataStringValue: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            metadataType: "MetadataStringValue";
            string_value: string;
        };
        MetadataStructValue: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            metadataType: "MetadataStructValue";
            /** Format: byte */
            struct_value: string;
        };
        MetadataValue: components["schemas"]["MetadataIntValue"] | components["schemas"]["MetadataDoubleValue"] | components["schemas"]["MetadataStringValue"] | components["schemas"]["MetadataStructValue"] | components["schemas"]["MetadataProtoValue"] | components["schemas"]["MetadataBoolValue"];
        Metric: components["schemas"]["BaseArtifact"] & components["schemas"]["MetricCreate"] & {
            /** @default metric */
            artifactType?: string;
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            artifactType: "metric";
        };
        MetricCreate: components["schemas"]["BaseResourceCreate"] & components["schemas"]["MetricUpdate"] & {
            /** @default metric */
            artifactType?: string;
            name?: string;
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            artifactType: "metric";
        };
        MetricUpdate: components["schemas"]["BaseResourceUpdate"] & {
            /** @default metric */
            artifactType?: string;
            state?: components["schemas"]["ArtifactState"];
            /** Format: int64 */
            step?: string;
            /** Format: int64 */
            timestamp?: string;
            /** Format: double */
            value?: number;
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            artifactType: "metric";
        };
        ModelArtifact: components["schemas"]["BaseArtifact"] & components["schemas"]["ModelArtifactCreate"] & {
            /** @default model-artifact */
            artifactType?: string;
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            artifactType: "model-artifact";
        };
        ModelArtifactCreate: {
            /** @default model-artifact */
            artifactType?: string;
        } & (components["schemas"]["BaseResourceCreate"] & components["schemas"]["ModelArtifactUpdate"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            artifactType: "model-artifact";
        });
        ModelArtifactList: {
            items: components["schemas"]["ModelArtifact"][];
        } & components["schemas"]["BaseResourceList"];
        ModelArtifactUpdate: components["schemas"]["BaseResourceUpdate"] & {
            /** @default model-artifact */
            artifactType?: string;
            modelFormatName?: string;
            modelFormatVersion?: string;
            modelSourceClass?: string;
            modelSourceGroup?: string;
            modelSourceId?: string;
            modelSourceKind?: string;
            modelSourceName?: string;
            serviceAccountName?: string;
            state?: components["schemas"]["ArtifactState"];
            storageKey?: string;
            storagePath?: string;
            uri?: string;
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            artifactType: "model-artifact";
        };
        ModelVersion: components["schemas"]["ModelVersionCreate"] & components["schemas"]["BaseResource"];
        ModelVersionCreate: WithRequired<components["schemas"]["BaseResourceCreate"], "name"> & components["schemas"]["ModelVersionUpdate"] & {
            name: string;
            /** Format: int64 */
            registeredModelId: string;
        };
        ModelVersionList: {
            items: components["schemas"]["ModelVersion"][];
        } & components["schemas"]["BaseResourceList"];
        /**
         * @default LIVE
         * @enum {string}
         */
        ModelVersionState: "LIVE" | "ARCHIVED";
        ModelVersionUpdate: components["schemas"]["BaseResourceUpdate"] & {
            author?: string;
            state?: components["schemas"]["ModelVersionState"];
        };
        /** @enum {string} */
        OrderByField: "CREATE_TIME" | "LAST_UPDATE_TIME" | "ID";
        Parameter: components["schemas"]["BaseArtifact"] & components["schemas"]["ParameterCreate"] & {
            /** @default parameter */
            artifactType?: string;
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            artifactType: "parameter";
        };
        ParameterCreate: components["schemas"]["BaseResourceCreate"] & components["schemas"]["ParameterUpdate"] & {
            /** @default parameter */
            artifactType?: string;
            name?: string;
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            artifactType: "parameter";
        };
        /** @enum {unknown} */
        ParameterType: "string" | "number" | "boolean" | "object";
        ParameterUpdate: components["schemas"]["BaseResourceUpdate"] & {
            /** @default parameter */
            artifactType?: string;
            /** @default string */
            parameterType?: components["schemas"]["ParameterType"];
            state?: components["schemas"]["ArtifactState"];
            value?: string;
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            artifactType: "parameter";
        };
        RegisteredModel: components["schemas"]["BaseResource"] & components["schemas"]["RegisteredModelCreate"];
        RegisteredModelCreate: WithRequired<components["schemas"]["BaseResourceCreate"], "name"> & components["schemas"]["RegisteredModelUpdate"] & {
            name: string;
        };
        RegisteredModelList: {
            items: components["schemas"]["RegisteredModel"][];
        } & components["schemas"]["BaseResourceList"];
        /**
         * @default LIVE
         * @enum {string}
         */
        RegisteredModelState: "LIVE" | "ARCHIVED";
        RegisteredModelUpdate: components["schemas"]["BaseResourceUpdate"] & components["schemas"]["BaseModel"] & {
            owner?: string;
            state?: components["schemas"]["RegisteredModelState"];
        };
        ServeModel: components["schemas"]["BaseResource"] & components["schemas"]["ServeModelCreate"];
        ServeModelCreate: components["schemas"]["BaseResourceCreate"] & components["schemas"]["ServeModelUpdate"] & {
            /** Format: int64 */
            modelVersionId: string;
        };
        ServeModelList: {
            items: components["schemas"]["ServeModel"][];
        } & components["schemas"]["BaseResourceList"];
        ServeModelUpdate: components["schemas"]["BaseResourceUpdate"] & {
            lastKnownState?: components["schemas"]["ExecutionState"];
        };
        ServingEnvironment: components["schemas"]["BaseResource"] & components["schemas"]["ServingEnvironmentCreate"];
        ServingEnvironmentCreate: WithRequired<components["schemas"]["BaseResourceCreate"], "name"> & components["schemas"]["ServingEnvironmentUpdate"] & {
            name: string;
        };
        ServingEnvironmentList: {
            items: components["schemas"]["ServingEnvironment"][];
        } & components["schemas"]["BaseResourceList"];
        ServingEnvironmentUpdate: components["schemas"]["BaseResourceUpdate"];
        /** @enum {string} */
        SortOrder: "ASC" | "DESC";
    };
    responses: {
        ArtifactListResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ArtifactList"];
            };
        };
        ArtifactResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Artifact"];
            };
        };
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        InferenceServiceListResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["InferenceServiceList"];
            };
        };
        InferenceServiceResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["InferenceService"];
            };
        };
        InternalServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        ModelArtifactListResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ModelArtifactList"];
            };
        };
        ModelArtifactResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ModelArtifact"];
            };
        };
        ModelVersionListResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ModelVersionList"];
            };
        };
        ModelVersionResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ModelVersion"];
            };
        };
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        RegisteredModelListResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["RegisteredModelList"];
            };
        };
        RegisteredModelResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["RegisteredModel"];
            };
        };
        ServeModelListResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ServeModelList"];
            };
        };
        ServeModelResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ServeModel"];
            };
        };
        ServiceUnavailable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        ServingEnvironmentListResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ServingEnvironmentList"];
            };
        };
        ServingEnvironmentResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ServingEnvironment"];
            };
        };
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        UnprocessableEntity: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: {
        artifactType: components["schemas"]["ArtifactTypeQueryParam"];
        externalId: string;
        filterQuery: string;
        id: string;
        name: string;
        nextPageToken: string;
        orderBy: components["schemas"]["OrderByField"];
        pageSize: string;
        parentResourceId: string;
        sortOrder: components["schemas"]["SortOrder"];
        stepIds: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    findArtifact: {
        parameters: {
            query?: {
                externalId?: components["parameters"]["externalId"];
                name?: components["parameters"]["name"];
                parentResourceId?: components["parameters"]["parentResourceId"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ArtifactResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getArtifacts: {
        parameters: {
            query?: {
                artifactType?: components["parameters"]["artifactType"];
                filterQuery?: components["parameters"]["filterQuery"];
                nextPageToken?: components["parameters"]["nextPageToken"];
                orderBy?: components["parameters"]["orderBy"];
                pageSize?: components["parameters"]["pageSize"];
                sortOrder?: components["parameters"]["sortOrder"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ArtifactListResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createArtifact: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ArtifactCreate"];
            };
        };
        responses: {
            201: components["responses"]["ArtifactResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getArtifact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ArtifactResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateArtifact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ArtifactUpdate"];
            };
        };
        responses: {
            200: components["responses"]["ArtifactResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    findInferenceService: {
        parameters: {
            query?: {
                externalId?: components["parameters"]["externalId"];
                name?: components["parameters"]["name"];
                parentResourceId?: components["parameters"]["parentResourceId"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["InferenceServiceResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getInferenceServices: {
        parameters: {
            query?: {
                filterQuery?: components["parameters"]["filterQuery"];
                nextPageToken?: components["parameters"]["nextPageToken"];
                orderBy?: components["parameters"]["orderBy"];
                pageSize?: components["parameters"]["pageSize"];
                sortOrder?: components["parameters"]["sortOrder"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["InferenceServiceListResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createInferenceService: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InferenceServiceCreate"];
            };
        };
        responses: {
            201: components["responses"]["InferenceServiceResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getInferenceService: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                inference_service_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["InferenceServiceResponse"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateInferenceService: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                inference_service_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InferenceServiceUpdate"];
            };
        };
        responses: {
            200: components["responses"]["InferenceServiceResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getInferenceServiceModel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                inference_service_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["RegisteredModelResponse"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getInferenceServiceServes: {
        parameters: {
            query?: {
                externalId?: components["parameters"]["externalId"];
                filterQuery?: components["parameters"]["filterQuery"];
                name?: components["parameters"]["name"];
                nextPageToken?: components["parameters"]["nextPageToken"];
                orderBy?: components["parameters"]["orderBy"];
                pageSize?: components["parameters"]["pageSize"];
                sortOrder?: components["parameters"]["sortOrder"];
            };
            header?: never;
            path: {
                inference_service_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ServeModelListResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createInferenceServiceServe: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                inference_service_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ServeModelCreate"];
            };
        };
        responses: {
            201: components["responses"]["ServeModelResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getInferenceServiceVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                inference_service_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ModelVersionResponse"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    findModelArtifact: {
        parameters: {
            query?: {
                externalId?: components["parameters"]["externalId"];
                name?: components["parameters"]["name"];
                parentResourceId?: components["parameters"]["parentResourceId"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ModelArtifactResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getModelArtifacts: {
        parameters: {
            query?: {
                filterQuery?: components["parameters"]["filterQuery"];
                nextPageToken?: components["parameters"]["nextPageToken"];
                orderBy?: components["parameters"]["orderBy"];
                pageSize?: components["parameters"]["pageSize"];
                sortOrder?: components["parameters"]["sortOrder"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ModelArtifactListResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createModelArtifact: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ModelArtifactCreate"];
            };
        };
        responses: {
            201: components["responses"]["ModelArtifactResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getModelArtifact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                model_artifact_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ModelArtifactResponse"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateModelArtifact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                model_artifact_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ModelArtifactUpdate"];
            };
        };
        responses: {
            200: components["responses"]["ModelArtifactResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    findModelVersion: {
        parameters: {
            query?: {
                externalId?: components["parameters"]["externalId"];
                name?: components["parameters"]["name"];
                parentResourceId?: components["parameters"]["parentResourceId"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ModelVersionResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getModelVersions: {
        parameters: {
            query?: {
                filterQuery?: components["parameters"]["filterQuery"];
                nextPageToken?: components["parameters"]["nextPageToken"];
                orderBy?: components["parameters"]["orderBy"];
                pageSize?: components["parameters"]["pageSize"];
                sortOrder?: components["parameters"]["sortOrder"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ModelVersionListResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createModelVersion: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ModelVersionCreate"];
            };
        };
        responses: {
            201: components["responses"]["ModelVersionResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["UnprocessableEntity"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getModelVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                model_version_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ModelVersionResponse"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateModelVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                model_version_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ModelVersionUpdate"];
            };
        };
        responses: {
            200: components["responses"]["ModelVersionResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getModelVersionArtifacts: {
        parameters: {
            query?: {
                artifactType?: components["parameters"]["artifactType"];
                externalId?: components["parameters"]["externalId"];
                filterQuery?: components["parameters"]["filterQuery"];
                name?: components["parameters"]["name"];
                nextPageToken?: components["parameters"]["nextPageToken"];
                orderBy?: components["parameters"]["orderBy"];
                pageSize?: components["parameters"]["pageSize"];
                sortOrder?: components["parameters"]["sortOrder"];
            };
            header?: never;
            path: {
                model_version_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ArtifactListResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    upsertModelVersionArtifact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                model_version_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Artifact"];
            };
        };
        responses: {
            200: components["responses"]["ArtifactResponse"];
            201: components["responses"]["ArtifactResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    findRegisteredModel: {
        parameters: {
            query?: {
                externalId?: components["parameters"]["externalId"];
                name?: components["parameters"]["name"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["RegisteredModelResponse"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getRegisteredModels: {
        parameters: {
            query?: {
                filterQuery?: components["parameters"]["filterQuery"];
                nextPageToken?: components["parameters"]["nextPageToken"];
                orderBy?: components["parameters"]["orderBy"];
                pageSize?: components["parameters"]["pageSize"];
                sortOrder?: components["parameters"]["sortOrder"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["RegisteredModelListResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createRegisteredModel: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisteredModelCreate"];
            };
        };
        responses: {
            201: components["responses"]["RegisteredModelResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getRegisteredModel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                registered_model_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["RegisteredModelResponse"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateRegisteredModel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                registered_model_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisteredModelUpdate"];
            };
        };
        responses: {
            200: components["responses"]["RegisteredModelResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getRegisteredModelVersions: {
        parameters: {
            query?: {
                externalId?: components["parameters"]["externalId"];
                filterQuery?: components["parameters"]["filterQuery"];
                name?: components["parameters"]["name"];
                nextPageToken?: components["parameters"]["nextPageToken"];
                orderBy?: components["parameters"]["orderBy"];
                pageSize?: components["parameters"]["pageSize"];
                sortOrder?: components["parameters"]["sortOrder"];
            };
            header?: never;
            path: {
                registered_model_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ModelVersionListResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createRegisteredModelVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                registered_model_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ModelVersion"];
            };
        };
        responses: {
            201: components["responses"]["ModelVersionResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    findServingEnvironment: {
        parameters: {
            query?: {
                externalId?: components["parameters"]["externalId"];
                name?: components["parameters"]["name"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ServingEnvironmentResponse"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getServingEnvironments: {
        parameters: {
            query?: {
                filterQuery?: components["parameters"]["filterQuery"];
                nextPageToken?: components["parameters"]["nextPageToken"];
                orderBy?: components["parameters"]["orderBy"];
                pageSize?: components["parameters"]["pageSize"];
                sortOrder?: components["parameters"]["sortOrder"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ServingEnvironmentListResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createServingEnvironment: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ServingEnvironmentCreate"];
            };
        };
        responses: {
            201: components["responses"]["ServingEnvironmentResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getServingEnvironment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                serving_environment_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ServingEnvironmentResponse"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateServingEnvironment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                serving_environment_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ServingEnvironmentUpdate"];
            };
        };
        responses: {
            200: components["responses"]["ServingEnvironmentResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getEnvironmentInferenceServices: {
        parameters: {
            query?: {
                externalId?: components["parameters"]["externalId"];
                filterQuery?: components["parameters"]["filterQuery"];
                name?: components["parameters"]["name"];
                nextPageToken?: components["parameters"]["nextPageToken"];
                orderBy?: components["parameters"]["orderBy"];
                pageSize?: components["parameters"]["pageSize"];
                sortOrder?: components["parameters"]["sortOrder"];
            };
            header?: never;
            path: {
                serving_environment_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["InferenceServiceListResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createEnvironmentInferenceService: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                serving_environment_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InferenceServiceCreate"];
            };
        };
        responses: {
            201: components["responses"]["InferenceServiceResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
}
type WithRequired<T, K extends keyof T> = T & {
    [P in K]-?: T[P];
};
