package conversation_test

import (
	"testing"

	"rongcuo/conversation"
	"rongcuo/conversation/conversationtest"
)

func TestMemStoreConformance(t *testing.T) {
	conversationtest.Run(t, func(t *testing.T) conversationtest.Subject {
		m := conversation.NewMemStore(conversationtest.Keep)
		return conversationtest.Subject{Store: m, Records: m.Records}
	})
}
