"""A synthetic archive of any size, for benchmarks and scale tests.

`generate(n, dest, seed)` writes n items into dest/YYYY/MM/<slug>.md that a
real build accepts: real counties and their own townships from the
gazetteer, dates over twenty years (2005–2024), bodies of sentences from the
seed page recombined, about one photo item in twenty. The same n and seed
give byte-identical files on any machine: the only randomness is one
random.Random(seed), consumed in a fixed order.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import random

from newsarchive import gazetteer, seed_page, slugs
from newsarchive.new_item import item_path, render

FIRST_DAY = dt.date(2005, 1, 1)
LAST_DAY = dt.date(2024, 12, 31)
PHOTO_SHARE = 1 / 20

# The seed page's bylines, a homophone of one of them (章惠/张会 share the
# slug zhang-hui) and a 记者1/记者12 pair, whose listing pages once collided.
AUTHORS = (
    "张会", "章惠", "钟逸格", "徐洁", "郑丽华", "朱敏", "张凌翊", "张舜红",
    "许颖佳", "徐亦为", "吴涛", "吴筱凡", "沈佳怡", "陆明", "记者1", "记者12",
)
TOPICS = (
    "招商引资", "项目建设", "稳岗促产", "人才引进", "基层治理", "网格化管理",
    "纪检监察", "营商环境", "税费政策", "金融服务", "文化旅游", "春节",
    "民俗", "特色小镇", "科技创新", "共同富裕", "志愿服务", "文明实践",
    "乡村振兴", "生态环境", "教育", "医疗卫生", "养老服务", "侨务",
    "交通建设", "农业农村", "平安建设", "党建引领",
)
SOURCE = "基准测试用合成稿件：句子取自版面文本 000_27b9736ab03bda84，随机重组（种子 {seed}）。"


class _Picker:
    """Every random choice of the generator, in one place and one order."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.places = gazetteer.load()
        self.counties = list(self.places.counties)
        self.sentences = seed_page.sentences()
        self.clauses = seed_page.clauses()

    def when(self) -> dt.datetime:
        day = FIRST_DAY + dt.timedelta(days=self.rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
        return dt.datetime(day.year, day.month, day.day, self.rng.randrange(7, 22), self.rng.randrange(60))

    def where(self) -> tuple[str, list[str]]:
        county = self.rng.choice(self.counties)
        townships = [t.name for t in self.places.townships_of(county)]
        count = self.rng.choices((0, 1, 2), weights=(2, 6, 2))[0]
        return county, self.rng.sample(townships, min(count, len(townships)))

    def title(self, county: str, townships: list[str], photo: bool) -> str:
        clause = self.rng.choice(self.clauses)
        if photo:
            # Captions name the place in full, as the seed page's do.
            return f"{county}{townships[0] if townships else ''}{clause}"
        place = gazetteer.strip_suffix(self.rng.choice(townships) if townships else county)
        if self.rng.random() < 0.5:
            return f"{place}：{clause}"
        return f"{place}{clause}"

    def body(self) -> str:
        paragraphs = []
        for _ in range(self.rng.randint(3, 8)):
            paragraphs.append("".join(self.rng.sample(self.sentences, self.rng.randint(1, 4))))
        return "\n\n".join(paragraphs)

    def authors(self) -> list[str]:
        return self.rng.sample(AUTHORS, self.rng.choice((1, 1, 2)))

    def topics(self) -> list[str]:
        return self.rng.sample(TOPICS, self.rng.randint(1, 3))


def _unique_slug(title: str, month: str, taken: set[tuple[str, str]]) -> str:
    slug = slugs.slugify(title)
    number = 2
    while (month, slug) in taken:
        # Room for the suffix, so the slug still reads back as itself.
        slug = f"{slugs.slugify(title, slugs.MAX_LENGTH - 6)}-{number}"
        number += 1
    taken.add((month, slug))
    return slug


def items(n: int, seed: int = 0):
    """(path relative to the content folder, file text) of each of the n items, in order."""
    pick = _Picker(seed)
    stories: set[tuple[str, dt.date]] = set()
    urls: set[tuple[str, str]] = set()
    for _ in range(n):
        when = pick.when()
        county, townships = pick.where()
        photo = pick.rng.random() < PHOTO_SHARE
        title = pick.title(county, townships, photo)
        # Same title on the same day reads as one story imported twice, which
        # the build refuses.
        while (title, when.date()) in stories:
            title = pick.title(county, townships, photo)
        stories.add((title, when.date()))
        fields = {
            "title": title,
            "date": f"{when:%Y-%m-%d %H:%M}",
            "category": county,
            "townships": ", ".join(townships),
            "tags": ", ".join(pick.topics()),
            "slug": _unique_slug(title, f"{when:%Y/%m}", urls),
            "source": SOURCE.format(seed=seed),
        }
        if photo:
            fields["type"] = "photo"
            fields["credit"] = f"图片由{townships[0] if townships else county}提供"
            body = ""
        else:
            fields["authors"] = ", ".join(pick.authors())
            body = pick.body()
        yield item_path(Path(), when.date(), fields["slug"]), render(fields, body)


def generate(n: int, dest: Path, seed: int = 0) -> list[Path]:
    """Write n items under dest (which must hold no items yet); return their paths."""
    dest = Path(dest)
    if dest.exists() and any(dest.rglob("*.md")):
        raise FileExistsError(f"{dest} 里已经有稿件（.md），没有生成：生成的稿件不和已有的混在一起。请换一个空文件夹（不存在的会新建）。")
    written = []
    for relative, text in items(n, seed):
        path = dest / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        written.append(path)
    return written
