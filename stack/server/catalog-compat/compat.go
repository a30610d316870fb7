//go:build mrstack_catalog_compat

// This file is copied into the generated github.com/kubeflow/hub/catalog/pkg/openapi module by
// stack/build.sh. Upstream keeps a few hand-written declarations next to its generated catalog models and
// never publishes that module, so the server's catalog subcommand would not compile without them. We only run the
// `proxy` subcommand; these declarations exist so the binary links, and are never exercised by our tests.
package openapi

// Sortable is what the catalog's in-memory paginator needs from an item.
type Sortable interface {
	SortValue(field OrderByField) string
}

// AgentArtifact is a oneOf with a single member, which the generator collapses into that member.
type AgentArtifact = AgentTemplateArtifact

// SortValue orders catalog sources by id, or by name for every other field.
func (o CatalogSource) SortValue(field OrderByField) string {
	if field == ORDERBYFIELD_ID {
		return o.Id
	}
	return o.Name
}

// SortValue orders preview results by name, the only key they have.
func (o ModelPreviewResult) SortValue(OrderByField) string { return o.Name }

// SortValue orders preview results by name, the only key they have.
func (o AssetPreviewResult) SortValue(OrderByField) string { return o.Name }
