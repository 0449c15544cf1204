package knowledge

import (
	"path"
	"strings"
)

// LawFolderMeta returns the level and the region a plain law file's folders
// give it in the law collection's layout, each "" when its folders say
// nothing (a file outside that layout).
func LawFolderMeta(name string) (level, region string) {
	dirs := strings.Split(path.Dir(name), "/")
	for i := len(dirs) - 1; i >= 0 && level == ""; i-- {
		level = folderLevels[dirs[i]]
	}
	for i, d := range dirs {
		if d == "地方性法规" && i+1 < len(dirs) {
			return level, dirs[i+1]
		}
	}
	for _, d := range dirs {
		if r, ok := strings.CutSuffix(d, "地方法规"); ok && r != "" {
			return level, r
		}
	}
	return level, ""
}
