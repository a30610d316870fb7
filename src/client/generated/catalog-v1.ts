/**
 * GENERATED FILE: DO NOT EDIT.
 * Made by `npm run generate` (openapi-typescript) from api/model-catalog-v1.yaml. Quirks of the API are handled
 * in src/client/, never here.
 */

export interface paths {
    "/api/agent_catalog/v1/agents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["findAgents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/agent_catalog/v1/agents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getAgent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/agent_catalog/v1/agents/{id}/artifacts": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        get: operations["getAgentArtifacts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/agent_catalog/v1/agents/filter_options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["findAgentsFilterOptions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mcp_catalog/v1/mcp_servers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["findMCPServers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mcp_catalog/v1/mcp_servers/{server_id}": {
        parameters: {
            query?: {
                includeTools?: components["parameters"]["includeTools"];
                toolLimit?: components["parameters"]["toolLimit"];
            };
            header?: never;
            path: {
                server_id: string;
            };
            cookie?: never;
        };
        get: operations["getMCPServer"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mcp_catalog/v1/mcp_servers/{server_id}/tools": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                server_id: string;
            };
            cookie?: never;
        };
        get: operations["findMCPServerTools"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mcp_catalog/v1/mcp_servers/{server_id}/tools/{tool_name}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                server_id: string;
                tool_name: string;
            };
            cookie?: never;
        };
        get: operations["getMCPServerTool"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mcp_catalog/v1/mcp_servers/filter_options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["findMCPServersFilterOptions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/model_catalog/v1/labels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["findLabels"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/model_catalog/v1/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["findModels"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/model_catalog/v1/models/filter_options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["findModelsFilterOptions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/model_catalog/v1/sources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["findSources"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/model_catalog/v1/sources/{source_id}/models/{model_name}/artifacts": {
        parameters: {
            query?: {
                artifactType?: components["parameters"]["artifactType"];
                filterQuery?: components["parameters"]["artifactFilterQuery"];
                nextPageToken?: components["parameters"]["nextPageToken"];
                orderBy?: components["parameters"]["artifactOrderBy"];
                pageSize?: components["parameters"]["pageSize"];
                sortOrder?: components["parameters"]["sortOrder"];
            };
            header?: never;
            path: {
                model_name: string;
                source_id: string;
            };
            cookie?: never;
        };
        get: operations["getAllModelArtifacts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/model_catalog/v1/sources/{source_id}/models/{model_name}/artifacts/performance": {
        parameters: {
            query?: {
                filterQuery?: components["parameters"]["artifactFilterQuery"];
                hardwareCountProperty?: string;
                hardwareTypeProperty?: string;
                latencyProperty?: string;
                nextPageToken?: components["parameters"]["nextPageToken"];
                orderBy?: components["parameters"]["artifactOrderBy"];
                pageSize?: components["parameters"]["pageSize"];
                recommendations?: boolean;
                rpsProperty?: string;
                sortOrder?: components["parameters"]["sortOrder"];
                targetRPS?: number;
            };
            header?: never;
            path: {
                model_name: string;
                source_id: string;
            };
            cookie?: never;
        };
        get: operations["getAllModelPerformanceArtifacts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/model_catalog/v1/sources/{source_id}/models/{model_name+}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                "model_name+": string;
                source_id: string;
            };
            cookie?: never;
        };
        get: operations["getModel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/model_catalog/v1/sources/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["previewCatalogSource"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/skill_catalog/v1/skills": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["findSkills"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/skill_catalog/v1/skills/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getSkill"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/skill_catalog/v1/skills/filter_options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["findSkillsFilterOptions"];
        put?: never;
        post?: never;
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
        Agent: components["schemas"]["BaseResource"] & {
            artifacts?: components["schemas"]["AgentImageArtifact"][];
            description?: string;
            displayName?: string;
            env?: components["schemas"]["AgentEnvVar"][];
            framework?: string;
            labels?: string[];
            logo?: string;
            name: string;
            readme?: string;
            /** Format: uri */
            repositoryUrl?: string;
            sourceId?: string;
        };
        AgentArtifact: components["schemas"]["AgentTemplateArtifact"];
        AgentArtifactList: {
            items: components["schemas"]["AgentArtifact"][];
        } & components["schemas"]["BaseResourceList"];
        /** @enum {string} */
        AgentArtifactTypeQueryParam: "template-artifact";
        AgentEnvVar: {
            name: string;
            required: boolean;
        };
        AgentImageArtifact: components["schemas"]["BaseResource"] & {
            /** @default image-artifact */
            artifactType: string;
            /** Format: uri */
            uri: string;
        };
        AgentList: {
            items: components["schemas"]["Agent"][];
        } & components["schemas"]["BaseResourceList"];
        AgentTemplateArtifact: components["schemas"]["BaseResource"] & {
            /** @default template-artifact */
            artifactType: string;
            content: string;
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            artifactType: "template-artifact";
        };
        /** @enum {string} */
        ArtifactTypeQueryParam: "model-artifact" | "metrics-artifact";
        AssetPreviewResult: {
            included: boolean;
            name: string;
        };
        AssetSourcePreviewResponse: {
            assetType: components["schemas"]["CatalogAssetType"];
            items: components["schemas"]["AssetPreviewResult"][];
            summary: {
                excludedAssets: number;
                includedAssets: number;
                totalAssets: number;
            };
        } & components["schemas"]["BaseResourceList"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            assetType: "mcp_servers" | "agents" | "skills";
        };
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
        CatalogArtifact: components["schemas"]["CatalogModelArtifact"] | components["schemas"]["CatalogMetricsArtifact"];
        CatalogArtifactList: {
            items: components["schemas"]["CatalogArtifact"][];
        } & components["schemas"]["BaseResourceList"];
        /**
         * @default models
         * @enum {string}
         */
        CatalogAssetType: "models" | "mcp_servers" | "agents" | "skills";
        CatalogLabel: {
            displayName?: string;
            name: string | null;
        } & {
            [key: string]: string;
        };
        CatalogLabelList: {
            items: components["schemas"]["CatalogLabel"][];
        } & components["schemas"]["BaseResourceList"];
        CatalogMetricsArtifact: {
            /** @default metrics-artifact */
            artifactType: string;
            customProperties?: {
                [key: string]: components["schemas"]["MetadataValue"];
            };
            /** @enum {string} */
            metricsType: "performance-metrics" | "accuracy-metrics" | "security-metrics";
        } & components["schemas"]["BaseResource"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            artifactType: "metrics-artifact";
        };
        CatalogModel: {
            readonly artifactCounts?: {
                [key: string]: number;
            };
            name: string;
            servingConfig?: components["schemas"]["ServingConfig"];
            sourceId?: string;
            validatedTasks?: string[];
        } & components["schemas"]["BaseModel"] & components["schemas"]["BaseResource"];
        CatalogModelArtifact: {
            /** @default model-artifact */
            artifactType: string;
            customProperties?: {
                [key: string]: components["schemas"]["MetadataValue"];
            };
            /** Format: uri */
            uri: string;
        } & components["schemas"]["BaseResource"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            artifactType: "model-artifact";
        };
        CatalogModelList: {
            items: components["schemas"]["CatalogModel"][];
        } & components["schemas"]["BaseResourceList"];
        CatalogSource: {
            assetType?: components["schemas"]["CatalogAssetType"];
            /** @default true */
            enabled?: boolean;
            error?: string | null;
            excludedModels?: string[];
            id: string;
            includedModels?: string[];
            labels: string[];
            name: string;
            status?: components["schemas"]["CatalogSourceStatus"];
        };
        CatalogSourceList: {
            items: components["schemas"]["CatalogSource"][];
        } & components["schemas"]["BaseResourceList"];
        CatalogSourcePreviewResponse: {
            assetType: components["schemas"]["CatalogAssetType"];
            items: components["schemas"]["ModelPreviewResult"][];
            summary: {
                excludedModels: number;
                includedModels: number;
                totalModels: number;
            };
        } & components["schemas"]["BaseResourceList"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            assetType: "models";
        };
        /** @enum {string} */
        CatalogSourceStatus: "available" | "partially-available" | "error" | "disabled";
        Error: {
            code: string;
            message: string;
        };
        FieldFilter: {
            operator: string;
            value: unknown;
        };
        FilterOption: {
            range?: components["schemas"]["FilterOptionRange"];
            /** @enum {string} */
            type: "string" | "number";
            values?: unknown[];
        };
        FilterOptionRange: {
            /** Format: double */
            max?: number;
            /** Format: double */
            min?: number;
        };
        FilterOptionsList: {
            filters?: {
                [key: string]: components["schemas"]["FilterOption"];
            };
            namedQueries?: {
                [key: string]: {
                    [key: string]: components["schemas"]["FieldFilter"];
                };
            };
        };
        MCPArtifact: components["schemas"]["BaseResourceDates"] & {
            /** Format: uri */
            uri: string;
        };
        MCPConfigMapKey: {
            defaultContent?: string;
            description: string;
            envVarName?: string;
            key: string;
            /** @default false */
            required?: boolean;
        };
        MCPConfigMapRequirement: {
            description: string;
            keys?: components["schemas"]["MCPConfigMapKey"][];
            /** @default true */
            mountAsFile?: boolean;
            mountPath?: string;
            name: string;
        };
        MCPEndpoints: {
            /** Format: uri */
            http?: string;
            /** Format: uri */
            sse?: string;
        };
        MCPEnvVarMetadata: {
            defaultValue?: string;
            description: string;
            example?: string;
            name: string;
            /** @default false */
            required?: boolean;
            /**
             * @default string
             * @enum {string}
             */
            type?: "string" | "int" | "boolean" | "secret" | "config";
        };
        MCPPrerequisites: {
            configMaps?: components["schemas"]["MCPConfigMapRequirement"][];
            customResources?: string[];
            environmentVariables?: components["schemas"]["MCPEnvVarMetadata"][];
            secrets?: components["schemas"]["MCPSecretRequirement"][];
            serviceAccount?: components["schemas"]["MCPServiceAccountRequirement"];
        };
        MCPResourceRecommendation: {
            high?: {
                cpu?: string;
                memory?: string;
            };
            minimal?: {
                cpu?: string;
                memory?: string;
            };
            recommended?: {
                cpu?: string;
                memory?: string;
            };
        };
        MCPRuntimeMetadata: {
            capabilities?: {
                /** @default false */
                requiresFileSystem?: boolean;
                /** @default false */
                requiresGPU?: boolean;
                /** @default true */
                requiresNetwork?: boolean;
            };
            defaultArgs?: string[];
            defaultPort?: number;
            healthEndpoints?: {
                liveness?: string;
                readiness?: string;
            };
            /** @default /mcp */
            mcpPath?: string;
            optionalEnvironmentVariables?: components["schemas"]["MCPEnvVarMetadata"][];
            prerequisites?: components["schemas"]["MCPPrerequisites"];
            recommendedResources?: components["schemas"]["MCPResourceRecommendation"];
            requiredEnvironmentVariables?: components["schemas"]["MCPEnvVarMetadata"][];
        };
        MCPSecretKey: {
            description: string;
            envVarName?: string;
            key: string;
            /** @default false */
            required?: boolean;
        };
        MCPSecretRequirement: {
            description: string;
            keys?: components["schemas"]["MCPSecretKey"][];
            /** @default false */
            mountAsFile?: boolean;
            mountPath?: string;
            name: string;
        };
        MCPSecurityIndicator: {
            readOnlyTools?: boolean;
            sast?: boolean;
            secureEndpoint?: boolean;
            verifiedSource?: boolean;
        };
        MCPServer: components["schemas"]["BaseResource"] & {
            artifacts?: components["schemas"]["MCPArtifact"][];
            /** @enum {string} */
            deploymentMode?: "local" | "remote";
            displayName?: string;
            /** Format: uri */
            documentationUrl?: string;
            endpoints?: components["schemas"]["MCPEndpoints"];
            /** Format: date-time */
            lastUpdated?: string;
            license?: string;
            /** Format: uri */
            licenseLink?: string;
            logo?: string;
            name: string;
            provider?: string;
            /** Format: date-time */
            publishedDate?: string;
            readme?: string;
            /** Format: uri */
            repositoryUrl?: string;
            runtimeMetadata?: components["schemas"]["MCPRuntimeMetadata"];
            securityIndicators?: components["schemas"]["MCPSecurityIndicator"];
            serverJson?: {
                [key: string]: unknown;
            };
            /** Format: uri */
            sourceCode?: string;
            sourceId?: string;
            tags?: string[];
            toolCount: number;
            tools?: components["schemas"]["MCPTool"][];
            transports?: ("stdio" | "http" | "sse")[];
            version?: string;
        };
        MCPServerList: {
            items: components["schemas"]["MCPServer"][];
        } & components["schemas"]["BaseResourceList"];
        MCPServiceAccountRequirement: {
            hint?: string;
            /** @default false */
            required?: boolean;
            suggestedName?: string;
        };
        MCPTool: components["schemas"]["BaseResource"] & {
            /** @enum {string} */
            accessType: "read_only" | "read_write" | "execute";
            name: string;
            parameters?: components["schemas"]["MCPToolParameter"][];
        };
        MCPToolParameter: {
            description?: string;
            name: string;
            required: boolean;
            type: string;
        };
        MCPToolsList: {
            items: components["schemas"]["MCPTool"][];
        } & components["schemas"]["BaseResourceList"];
        MCPToolWithServer: {
            serverId: string;
            serverName: string;
            tool: components["schemas"]["MCPTool"];
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
        ModelPreviewResult: {
            included: boolean;
            name: string;
        };
        /** @enum {string} */
        OrderByField: "CREATE_TIME" | "LAST_UPDATE_TIME" | "ID" | "NAME" | "RECOMMENDED";
        PreviewCatalogSourceResponse: components["schemas"]["CatalogSourcePreviewResponse"] | components["schemas"]["AssetSourcePreviewResponse"];
        ServingConfig: {
            toolCalling?: components["schemas"]["ToolCallingConfig"];
        };
        Skill: components["schemas"]["BaseResource"] & {
            allowedTools?: string[];
            author?: string;
            /** Format: int32 */
            bodyLineCount?: number;
            category?: string;
            compatibility?: string;
            description?: string;
            labels?: string[];
            license?: string;
            name: string;
            path?: string;
            provider?: string;
            readme?: string;
            repository?: string;
            resolvedCommit?: string;
            sourceId?: string;
            supportingFiles?: string[];
            trustTier?: components["schemas"]["SkillTrustTier"];
            version?: string;
        };
        SkillList: {
            items: components["schemas"]["Skill"][];
        } & components["schemas"]["BaseResourceList"];
        /** @enum {string} */
        SkillTrustTier: "platformProvided" | "partnerVerified" | "organizationApproved" | "communityContributed";
        /** @enum {string} */
        SortOrder: "ASC" | "DESC";
        ToolCallingConfig: {
            chatTemplate?: string;
            /** @default true */
            enableAutoToolChoice?: boolean;
            requiredArgs?: string[];
            toolCallParser?: string;
        };
    };
    responses: {
        AgentArtifactListResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["AgentArtifactList"];
            };
        };
        AgentListResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["AgentList"];
            };
        };
        AgentResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Agent"];
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
        CatalogArtifactListResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["CatalogArtifactList"];
            };
        };
        CatalogLabelListResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["CatalogLabelList"];
            };
        };
        CatalogModelListResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["CatalogModelList"];
            };
        };
        CatalogModelResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["CatalogModel"];
            };
        };
        CatalogSourceListResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["CatalogSourceList"];
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
        FilterOptionsResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["FilterOptionsList"];
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
        MCPServerListResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["MCPServerList"];
            };
        };
        MCPServerResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["MCPServer"];
            };
        };
        MCPToolsListResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["MCPToolsList"];
            };
        };
        MCPToolWithServerResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["MCPToolWithServer"];
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
        PreviewCatalogSourceResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["PreviewCatalogSourceResponse"];
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
        SkillListResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["SkillList"];
            };
        };
        SkillResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Skill"];
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
        agentArtifactType: components["schemas"]["AgentArtifactTypeQueryParam"][];
        artifactFilterQuery: string;
        artifactOrderBy: string;
        artifactType: components["schemas"]["ArtifactTypeQueryParam"][];
        assetType: components["schemas"]["CatalogAssetType"];
        externalId: string;
        filterQuery: string;
        id: string;
        includeTools: boolean;
        labelOrderBy: string;
        mcpServerFilterQuery: string;
        mcpToolFilterQuery: string;
        name: string;
        namedQuery: string;
        nextPageToken: string;
        orderBy: components["schemas"]["OrderByField"];
        pageSize: string;
        parentResourceId: string;
        sortOrder: components["schemas"]["SortOrder"];
        stepIds: string;
        toolLimit: number;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    findAgents: {
        parameters: {
            query?: {
                filterQuery?: components["parameters"]["filterQuery"];
                name?: string;
                nextPageToken?: components["parameters"]["nextPageToken"];
                orderBy?: components["parameters"]["orderBy"];
                pageSize?: components["parameters"]["pageSize"];
                q?: string;
                sortOrder?: components["parameters"]["sortOrder"];
                source?: string[];
                sourceLabel?: string[];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["AgentListResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getAgent: {
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
            200: components["responses"]["AgentResponse"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getAgentArtifacts: {
        parameters: {
            query?: {
                artifactType?: components["parameters"]["agentArtifactType"];
                nextPageToken?: components["parameters"]["nextPageToken"];
                orderBy?: components["parameters"]["orderBy"];
                pageSize?: components["parameters"]["pageSize"];
                sortOrder?: components["parameters"]["sortOrder"];
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["AgentArtifactListResponse"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
        };
    };
    findAgentsFilterOptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["FilterOptionsResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["InternalServerError"];
        };
    };
    findMCPServers: {
        parameters: {
            query?: {
                filterQuery?: components["parameters"]["mcpServerFilterQuery"];
                includeTools?: components["parameters"]["includeTools"];
                name?: string;
                namedQuery?: components["parameters"]["namedQuery"];
                nextPageToken?: components["parameters"]["nextPageToken"];
                orderBy?: components["parameters"]["orderBy"];
                pageSize?: components["parameters"]["pageSize"];
                q?: string;
                sortOrder?: components["parameters"]["sortOrder"];
                sourceLabel?: string[];
                toolLimit?: components["parameters"]["toolLimit"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["MCPServerListResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getMCPServer: {
        parameters: {
            query?: {
                includeTools?: components["parameters"]["includeTools"];
                toolLimit?: components["parameters"]["toolLimit"];
            };
            header?: never;
            path: {
                server_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["MCPServerResponse"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
        };
    };
    findMCPServerTools: {
        parameters: {
            query?: {
                filterQuery?: components["parameters"]["mcpToolFilterQuery"];
                nextPageToken?: components["parameters"]["nextPageToken"];
                orderBy?: components["parameters"]["orderBy"];
                pageSize?: components["parameters"]["pageSize"];
                sortOrder?: components["parameters"]["sortOrder"];
            };
            header?: never;
            path: {
                server_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["MCPToolsListResponse"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getMCPServerTool: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                server_id: string;
                tool_name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["MCPToolWithServerResponse"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
        };
    };
    findMCPServersFilterOptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["FilterOptionsResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["InternalServerError"];
        };
    };
    findLabels: {
        parameters: {
            query?: {
                assetType?: components["parameters"]["assetType"];
                nextPageToken?: components["parameters"]["nextPageToken"];
                orderBy?: components["parameters"]["labelOrderBy"];
                pageSize?: components["parameters"]["pageSize"];
                sortOrder?: components["parameters"]["sortOrder"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["CatalogLabelListResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
        };
    };
    findModels: {
        parameters: {
            query?: {
                filterQuery?: components["parameters"]["filterQuery"];
                hardwareCountProperty?: string;
                hardwareTypeProperty?: string;
                latencyProperty?: string;
                nextPageToken?: components["parameters"]["nextPageToken"];
                orderBy?: components["schemas"]["OrderByField"];
                pageSize?: components["parameters"]["pageSize"];
                q?: string;
                rpsProperty?: string;
                sortOrder?: components["parameters"]["sortOrder"];
                source?: string[];
                sourceLabel?: string[];
                targetRPS?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["CatalogModelListResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
        };
    };
    findModelsFilterOptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["FilterOptionsResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["InternalServerError"];
        };
    };
    findSources: {
        parameters: {
            query?: {
                assetType?: components["parameters"]["assetType"];
                name?: components["parameters"]["name"];
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
            200: components["responses"]["CatalogSourceListResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getAllModelArtifacts: {
        parameters: {
            query?: {
                artifactType?: components["parameters"]["artifactType"];
                filterQuery?: components["parameters"]["artifactFilterQuery"];
                nextPageToken?: components["parameters"]["nextPageToken"];
                orderBy?: components["parameters"]["artifactOrderBy"];
                pageSize?: components["parameters"]["pageSize"];
                sortOrder?: components["parameters"]["sortOrder"];
            };
            header?: never;
            path: {
                model_name: string;
                source_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["CatalogArtifactListResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getAllModelPerformanceArtifacts: {
        parameters: {
            query?: {
                filterQuery?: components["parameters"]["artifactFilterQuery"];
                hardwareCountProperty?: string;
                hardwareTypeProperty?: string;
                latencyProperty?: string;
                nextPageToken?: components["parameters"]["nextPageToken"];
                orderBy?: components["parameters"]["artifactOrderBy"];
                pageSize?: components["parameters"]["pageSize"];
                recommendations?: boolean;
                rpsProperty?: string;
                sortOrder?: components["parameters"]["sortOrder"];
                targetRPS?: number;
            };
            header?: never;
            path: {
                model_name: string;
                source_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["CatalogArtifactListResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getModel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                "model_name+": string;
                source_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["CatalogModelResponse"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
        };
    };
    previewCatalogSource: {
        parameters: {
            query?: {
                filterStatus?: "all" | "included" | "excluded";
                nextPageToken?: components["parameters"]["nextPageToken"];
                pageSize?: components["parameters"]["pageSize"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** Format: binary */
                    catalogData?: string;
                    /** Format: binary */
                    config: string;
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreviewCatalogSourceResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            500: components["responses"]["InternalServerError"];
        };
    };
    findSkills: {
        parameters: {
            query?: {
                filterQuery?: components["parameters"]["filterQuery"];
                name?: string;
                nextPageToken?: components["parameters"]["nextPageToken"];
                orderBy?: components["parameters"]["orderBy"];
                pageSize?: components["parameters"]["pageSize"];
                q?: string;
                sortOrder?: components["parameters"]["sortOrder"];
                source?: string[];
                sourceLabel?: string[];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["SkillListResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getSkill: {
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
            200: components["responses"]["SkillResponse"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
        };
    };
    findSkillsFilterOptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["FilterOptionsResponse"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["InternalServerError"];
        };
    };
}
