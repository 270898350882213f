"""Writes township pages, township feeds and the county/township directory."""

from __future__ import annotations

from collections import defaultdict

from pelican.generators import Generator

from newsarchive import gazetteer


class TownshipsGenerator(Generator):
    def generate_context(self):
        places = gazetteer.load()
        articles = self.context.get("articles", [])
        by_township = defaultdict(list)
        wrappers = {}
        for article in articles:  # already newest first
            for township in getattr(article, "townships", []):
                by_township[township.name].append(article)
                wrappers.setdefault(township.name, township)
        categories = {str(c): (c, arts) for c, arts in self.context.get("categories", [])}

        directory = []
        for county in places.counties.values():
            category, county_articles = categories.get(county.name, (None, []))
            directory.append(
                {
                    "county": county,
                    "category": category,
                    "count": len(county_articles),
                    "townships": [
                        {
                            "division": t,
                            "township": wrappers.get(t.name),
                            "count": len(by_township.get(t.name, [])),
                        }
                        for t in places.townships_of(county.name)
                    ],
                }
            )
        self.townships = [
            (wrappers[t], by_township[t]) for t in places.townships if t in wrappers
        ]
        self.context["townships"] = self.townships
        self.context["place_directory"] = directory

    def generate_output(self, writer):
        write = writer.write_file
        relative = self.settings["RELATIVE_URLS"]
        template = self.get_template("township")
        for township, articles in self.townships:
            write(
                township.save_as,
                template,
                self.context,
                relative_urls=relative,
                paginated={"articles": articles},
                template_name="township",
                url=township.url,
                township=township,
                articles=articles,
                page_name=township.page_name,
                blog=True,
            )
            feed = self.settings.get("TOWNSHIP_FEED_ATOM")
            if feed:
                writer.write_feed(
                    articles,
                    self.context,
                    feed.format(slug=township.slug),
                    feed.format(slug=township.slug),
                    feed_title=township.name,
                )
        write(
            self.settings["TOWNSHIPS_SAVE_AS"],
            self.get_template("townships"),
            self.context,
            relative_urls=relative,
            url=self.settings["TOWNSHIPS_URL"],
            page_name="townships",
        )
