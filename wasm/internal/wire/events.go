package wire

import (
	"encoding/json"
	"fmt"
)

// Event types sent by the host.
const (
	EventClick      = "click"
	EventChange     = "change"
	EventRerun      = "rerun"
	EventClearCache = "clearcache"
	EventInspector  = "inspector"
)

// MaxEventBatch bounds the size of one event batch the runtime accepts (64 MiB of JSON), so a
// broken or hostile host message cannot exhaust wasm memory.
const MaxEventBatch = 64 << 20

// Event is one widget interaction from the host. Value is the raw JSON the widget decodes.
type Event struct {
	Seq   uint64          `json:"s"`
	ID    string          `json:"id"`
	Type  string          `json:"t"`
	Value json.RawMessage `json:"v,omitempty"`
}

// DecodeEvents parses one event batch. It rejects batches over MaxEventBatch, unknown event types
// and events without a widget id (except rerun, clearcache and inspector).
func DecodeEvents(data []byte) ([]Event, error) {
	if len(data) > MaxEventBatch {
		return nil, fmt.Errorf("wire: event batch of %d bytes is over the %d byte limit", len(data), MaxEventBatch)
	}
	var evs []Event
	if err := json.Unmarshal(data, &evs); err != nil {
		return nil, fmt.Errorf("wire: event batch is not a JSON array of events: %w", err)
	}
	for i, e := range evs {
		switch e.Type {
		case EventClick, EventChange:
			if e.ID == "" {
				return nil, fmt.Errorf("wire: event %d (%s) has no widget id", i, e.Type)
			}
		case EventRerun, EventClearCache, EventInspector:
		default:
			return nil, fmt.Errorf("wire: event %d has unknown type %q", i, e.Type)
		}
	}
	return evs, nil
}
