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

func TestMemAccountsConformance(t *testing.T) {
	conversationtest.RunAccounts(t, func(t *testing.T) conversation.Accounts { return conversation.NewMemAccounts() })
}
