package redisstore_test

import (
	"context"
	"testing"

	"rongcuo/conversation"
	"rongcuo/conversation/conversationtest"
	"rongcuo/redisstore"
)

func TestStoreConformance(t *testing.T) {
	conversationtest.Run(t, func(t *testing.T) conversationtest.Subject {
		s, _, _ := newStore(t, redisstore.Options{HistoryKeep: conversationtest.Keep})
		return conversationtest.Subject{Store: s, Records: func() []conversation.UsageRecord {
			rs, err := s.Usage(context.Background(), "-", "+", 1000)
			if err != nil {
				t.Fatal(err)
			}
			return rs
		}}
	})
}

func TestAccountsConformance(t *testing.T) {
	conversationtest.RunAccounts(t, func(t *testing.T) conversation.Accounts {
		s, _, _ := newStore(t, redisstore.Options{})
		return s
	})
}
