package bench

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
	"github.com/go-playground/validator/v10"
)

// buildGinMessages binds with gin's own binding package (ShouldBindUri,
// ShouldBindQuery, ShouldBindJSON), which validates `binding:` tags with
// its own validator/v10 instance, so v is not used. c.JSON encodes with
// encoding/json's Marshal (gin's default build). ShouldBindJSON does not
// look at Content-Type, so the handler checks it, as the others do.
func buildGinMessages(s *store, _ *validator.Validate) http.Handler {
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.GET("/message/:id", func(c *gin.Context) {
		var id ByID
		if err := c.ShouldBindUri(&id); err != nil {
			c.AbortWithStatusJSON(http.StatusBadRequest, gin.H{"error": err.Error()})
			return
		}
		msg, ok := s.Get(id.ID)
		if !ok {
			c.AbortWithStatus(http.StatusNotFound)
			return
		}
		c.JSON(http.StatusOK, msg)
	})
	e.GET("/message", func(c *gin.Context) {
		var p ginPage
		if err := c.ShouldBindQuery(&p); err != nil {
			c.AbortWithStatusJSON(http.StatusBadRequest, gin.H{"error": err.Error()})
			return
		}
		c.JSON(http.StatusOK, s.List(p.Author, p.Limit))
	})
	e.POST("/message", func(c *gin.Context) {
		if c.ContentType() != "application/json" {
			c.AbortWithStatus(http.StatusUnsupportedMediaType)
			return
		}
		var msg Message
		if err := c.ShouldBindJSON(&msg); err != nil {
			c.AbortWithStatusJSON(http.StatusBadRequest, gin.H{"error": err.Error()})
			return
		}
		id := strconv.FormatUint(s.Insert(msg), 10)
		c.Header("Location", "/message/"+id)
		c.String(http.StatusCreated, id)
	})
	return e
}

// ginPage is Page with gin's tags: gin reads the query through `form:` and
// validates through `binding:`.
type ginPage struct {
	Author string `form:"author"`
	Limit  int    `form:"limit" binding:"omitempty,min=1,max=100"`
}
